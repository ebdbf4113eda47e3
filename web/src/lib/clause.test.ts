import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chineseNumber, clauseText } from "./clause.js";

describe("clauseText", () => {
  it("keeps the announcement's numbering in Chinese", () => {
    expect(clauseText("七.10", "zh-CN")).toBe("七.10");
  });
  it("writes clauses in arabic numerals in English", () => {
    expect(clauseText("七.10", "en")).toBe("§7.10");
    expect(clauseText("六.1, 八.4", "en")).toBe("§6.1, §8.4");
    expect(clauseText("十二.3", "en")).toBe("§12.3");
    expect(clauseText("九", "en")).toBe("§9");
  });
  it("leaves no Chinese numeral in English for any clause up to 99.99", () => {
    const zh = (n: number) => {
      const d = "一二三四五六七八九";
      const tens = Math.floor(n / 10);
      const ones = n % 10;
      return `${tens === 0 ? "" : tens === 1 ? "十" : `${d[tens - 1]}十`}${ones ? d[ones - 1] : ""}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99 }), fc.integer({ min: 1, max: 99 }), (a, b) => {
        expect(chineseNumber(zh(a))).toBe(a);
        expect(clauseText(`${zh(a)}.${b}`, "en")).toBe(`§${a}.${b}`);
      }),
    );
  });
});
