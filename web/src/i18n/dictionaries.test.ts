import { describe, expect, it } from "vitest";
import { en } from "./en.js";
import { zhCN } from "./zh-CN.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("console dictionaries", () => {
  it("have the same keys in Chinese and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it("translate every key (no empty strings)", () => {
    for (const [key, text] of Object.entries(zhCN)) expect(text, key).not.toBe("");
    for (const [key, text] of Object.entries(en)) expect(text, key).not.toBe("");
  });
  it("use the same placeholders in both languages", () => {
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(zhCN[key]));
    }
  });
  it("keep English free of Chinese characters", () => {
    for (const [key, text] of Object.entries(en)) {
      // Category names and campaign facts come from the server; the dictionary itself is English.
      expect(/[\u4e00-\u9fff]/.test(text), key).toBe(false);
    }
  });
});
