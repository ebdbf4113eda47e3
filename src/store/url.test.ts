import { describe, expect, it } from "vitest";
import { DbUrlError, parseDbUrl } from "./url.js";

describe("parseDbUrl", () => {
  it("reads sqlite paths, relative and absolute", () => {
    expect(parseDbUrl("sqlite:./data/gala.db")).toEqual({ kind: "sqlite", path: "./data/gala.db" });
    expect(parseDbUrl("sqlite:///tmp/x.db")).toEqual({ kind: "sqlite", path: "/tmp/x.db" });
    expect(parseDbUrl("sqlite::memory:")).toEqual({ kind: "sqlite", path: ":memory:" });
  });

  it("reads postgres URLs and takes the schema parameter out", () => {
    expect(parseDbUrl("postgres://postgres@127.0.0.1:5432/test?schema=t_1")).toEqual({
      kind: "postgres",
      connectionString: "postgres://postgres@127.0.0.1:5432/test",
      schema: "t_1",
    });
  });

  it("refuses anything else with a message naming the fix", () => {
    expect(() => parseDbUrl("mysql://x")).toThrow(DbUrlError);
    expect(() => parseDbUrl("sqlite:")).toThrow(/names no file/);
    expect(() => parseDbUrl("postgres://h/db?schema=Bad-Name")).toThrow(/schema/);
  });
});
