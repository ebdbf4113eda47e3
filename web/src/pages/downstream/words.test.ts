import { describe, expect, it } from "vitest";
import { downstreamWords } from "./words.js";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("inbox, ledger and export words", () => {
  it("has every key in both languages with the same placeholders", () => {
    const zh = downstreamWords["zh-CN"];
    const en = downstreamWords.en;
    expect(Object.keys(en).sort()).toEqual(Object.keys(zh).sort());
    for (const key of Object.keys(zh) as Array<keyof typeof zh>) {
      expect(en[key].length, key).toBeGreaterThan(0);
      expect(placeholders(en[key]), key).toEqual(placeholders(zh[key]));
    }
  });
});
