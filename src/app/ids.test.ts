import { describe, expect, it } from "vitest";
import { newId } from "./ids.js";

describe("newId", () => {
  it("is UUID-shaped, version 7, and unique", () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids.slice(0, 10)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("stays unique for a million ids minted in one millisecond", () => {
    const ids = new Set<string>();
    for (let i = 0; i < 1_000_000; i++) ids.add(newId(1_700_000_000_000));
    expect(ids.size).toBe(1_000_000);
  });

  it("sorts by creation time, and in creation order within a millisecond", () => {
    const a = newId(1_700_000_000_000);
    const b = newId(1_700_000_000_000);
    const c = newId(1_700_000_000_001);
    expect([c, b, a].sort()).toEqual([a, b, c]);
  });
});
