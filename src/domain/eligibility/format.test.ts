import { describe, expect, it } from "vitest";
import { display, displayBeside, yuan } from "./format.js";

describe("display", () => {
  it("shows rates as percentages without binary noise", () => {
    expect(display(0.8, "percent", "en")).toBe("80%");
    expect(display(0.8499, "percent", "zh")).toBe("84.99%");
    expect(display(0.85, "percent", "en")).toBe("85%");
  });

  it("shows fen as yuan", () => {
    expect(display(250000, "yuan", "zh")).toBe("¥2,500.00");
    expect(yuan(299999)).toBe("¥2,999.99");
    expect(yuan(5)).toBe("¥0.05");
    expect(yuan(-120)).toBe("-¥1.20");
    expect(yuan(123456789)).toBe("¥1,234,567.89");
    expect(yuan(0)).toBe("¥0.00");
    expect(yuan(-0)).toBe("¥0.00");
    expect(yuan(100)).toBe("¥1.00");
    expect(yuan(-100000)).toBe("-¥1,000.00");
    expect(display(12.5, "yuan", "en")).toBe("12.5");
  });

  it("shows hours per language", () => {
    expect(display(48, "hours", "zh")).toBe("48小时");
    expect(display(24, "hours", "en")).toBe("24 h");
    expect(display([24, 48], "hours", "zh")).toBe("24小时、48小时");
  });

  it("shows missing, booleans, strings, lists and odd values", () => {
    expect(display(null, "plain", "zh")).toBe("未提供");
    expect(display(undefined, "percent", "en")).toBe("not provided");
    expect(display(true, "plain", "zh")).toBe("是");
    expect(display(true, "plain", "en")).toBe("yes");
    expect(display(false, "plain", "zh")).toBe("否");
    expect(display(false, "plain", "en")).toBe("no");
    expect(display(BigInt(7), "plain", "en")).toBe("[object BigInt]");
    expect(display({ n: BigInt(7) }, "plain", "en")).toBe("[object Object]");
    expect(display("女装", "plain", "en")).toBe("女装");
    expect(display(["CN-GD", "CN-ZJ"], "plain", "en")).toBe("CN-GD, CN-ZJ");
    expect(display({ a: 1 }, "plain", "en")).toBe('{"a":1}');
    expect(display("x".repeat(200), "plain", "en")).toBe(`${"x".repeat(79)}…`);
    expect(display("x".repeat(80), "plain", "en")).toBe("x".repeat(80));
    expect(display(Number.POSITIVE_INFINITY, "percent", "en")).toBe("Infinity");
    expect(display(1e21, "yuan", "en")).toBe("1e+21");
  });

  it("cuts long lists and says how many there are", () => {
    const list = Array.from({ length: 20 }, (_, i) => `r${i}`);
    expect(display(list, "plain", "en")).toMatch(/, … \(20 in all\)$/);
    expect(display(list, "plain", "zh")).toMatch(/等20项$/);
    expect(display(list.slice(0, 9), "plain", "en")).toBe(
      "r0, r1, r2, r3, r4, r5, r6, r7, … (9 in all)",
    );
    expect(display(list.slice(0, 8), "plain", "zh")).toBe("r0、r1、r2、r3、r4、r5、r6、r7");
  });
});

describe("displayBeside: the actual value beside the required one", () => {
  it("is the plain display when the two read differently or are the same number", () => {
    expect(displayBeside(0.84, 0.85, "percent", "en")).toBe("84%");
    expect(displayBeside(0.85, 0.85, "percent", "en")).toBe("85%");
    expect(displayBeside("0.85", 0.85, "percent", "en")).toBe("0.85");
    expect(displayBeside(36, 36, "plain", "zh")).toBe("36");
  });

  it("shows more decimals when the usual four would read as the requirement", () => {
    expect(displayBeside(0.849999999, 0.85, "percent", "zh")).toBe("84.9999999%");
    expect(displayBeside(0.85000001, 0.85, "percent", "en")).toBe("85.000001%");
    expect(displayBeside(0.84999, 0.85, "percent", "en")).toBe("84.999%");
  });

  it("goes up to fifteen decimals", () => {
    expect(displayBeside(0.007999999999999995, 0.008, "percent", "en")).toBe("0.799999999999999%");
  });

  it("leaves values that are not both numbers as they are", () => {
    expect(displayBeside("85%", 0.85, "percent", "en")).toBe("85%");
    expect(displayBeside(0.85, "85%", "percent", "en")).toBe("85%");
  });

  it("says below or above when no number of decimals tells them apart", () => {
    expect(displayBeside(0.0009999999999999998, 0.001, "percent", "en")).toBe("below 0.1%");
    expect(displayBeside(0.0009999999999999998, 0.001, "percent", "zh")).toBe("低于 0.1%");
    expect(displayBeside(0.0010000000000000002, 0.001, "percent", "en")).toBe("above 0.1%");
    expect(displayBeside(0.0010000000000000002, 0.001, "percent", "zh")).toBe("高于 0.1%");
  });
});
