import { describe, expect, it } from "vitest";
import { FreshReads } from "./fresh-read.js";

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("FreshReads", () => {
  it("shares one read among the calls of one turn, per key", async () => {
    const reads: string[] = [];
    const fresh = new FreshReads(async (key: string) => {
      reads.push(key);
      return `${key}${reads.length}`;
    });
    const got = await Promise.all([fresh.get("a"), fresh.get("a"), fresh.get("b")]);
    expect(got).toEqual(["a1", "a1", "b2"]);
    expect(reads).toEqual(["a", "b"]);
  });

  it("never hands a call a read that began before it", async () => {
    let stored = 1;
    let release: () => void = () => {};
    const fresh = new FreshReads(async () => {
      const seen = stored;
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      return seen;
    });
    const first = fresh.get("k");
    await turn(); // the first read has begun (and read 1)
    stored = 2; // a write commits, then a request arrives
    const second = fresh.get("k");
    release();
    expect(await first).toBe(1);
    await turn();
    release();
    expect(await second).toBe(2);
  });

  it("fails every caller of a failed read, and reads again for the next", async () => {
    let fail = true;
    const fresh = new FreshReads((): Promise<number> => {
      if (fail) throw new Error("down");
      return Promise.resolve(7);
    });
    const both = [fresh.get("k"), fresh.get("k")];
    for (const p of both) await expect(p).rejects.toThrow("down");
    fail = false;
    expect(await fresh.get("k")).toBe(7);
  });
});
