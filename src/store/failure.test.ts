import { describe, expect, it } from "vitest";
import { storeFailure } from "./failure.js";

const err = (code: string | undefined, message = "boom") =>
  Object.assign(new Error(message), code === undefined ? {} : { code });

describe("storeFailure", () => {
  it("names read-only, full and unreachable databases of both kinds", () => {
    const cases: Array<[Error, string | undefined]> = [
      [err("SQLITE_READONLY"), "store_read_only"],
      [err("SQLITE_READONLY_DBMOVED"), "store_read_only"],
      [err("SQLITE_FULL"), "store_full"],
      [err("SQLITE_IOERR_WRITE"), "store_unavailable"],
      [err("SQLITE_CANTOPEN"), "store_unavailable"],
      [err("SQLITE_BUSY"), "store_unavailable"],
      [err("25006"), "store_read_only"],
      [err("53100"), "store_full"],
      [err("57P01"), "store_unavailable"],
      [err("08006"), "store_unavailable"],
      [err("ECONNREFUSED"), "store_unavailable"],
      [err(undefined, "Connection terminated unexpectedly"), "store_unavailable"],
      // Our faults and the client's stay what they are.
      [err("SQLITE_CONSTRAINT_UNIQUE"), undefined],
      [err("SQLITE_ERROR", "too many SQL variables"), undefined],
      [err("23505"), undefined],
      [err("42P01"), undefined],
      [new TypeError("x is undefined"), undefined],
    ];
    for (const [error, code] of cases) {
      expect({ error: error.message, code: storeFailure(error)?.code }).toEqual({
        error: error.message,
        code,
      });
    }
  });

  it("looks through causes, and keeps the database's words for the log", () => {
    const wrapped = new Error("sweep failed", {
      cause: err("SQLITE_FULL", "database or disk is full"),
    });
    expect(storeFailure(wrapped)).toEqual({
      code: "store_full",
      cause: "SQLITE_FULL: database or disk is full",
    });
    expect(storeFailure("not an error")).toBeUndefined();
  });
});
