/** `gala` itself: help and version exit 0; a bad invocation exits 2 (./bin/gala, built by `npm run build`). */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { root } from "../../test/support/serve.js";

const gala = (...args: string[]) =>
  spawnSync(join(root, "bin/gala"), args, { encoding: "utf8", cwd: root });

describe("gala", () => {
  it("answers help and its version with exit 0", () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(gala("--version")).toMatchObject({ status: 0, stdout: `${version}\n` });
    expect(gala("help")).toMatchObject({ status: 0, stdout: expect.stringContaining("replay") });
    expect(gala("help", "check")).toMatchObject({
      status: 0,
      stdout: expect.stringContaining("Usage: gala check"),
    });
  });

  it("exits 2 for an unknown command and for a command group without its subcommand", () => {
    expect(gala("bogus")).toMatchObject({ status: 2, stderr: expect.stringContaining("bogus") });
    expect(gala("token").status).toBe(2);
  });
});
