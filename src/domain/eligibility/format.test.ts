import { describe, expect, it } from "vitest";
import { display, yuan } from "./format.js";

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
    expect(display(false, "plain", "en")).toBe("no");
    expect(display("女装", "plain", "en")).toBe("女装");
    expect(display(["CN-GD", "CN-ZJ"], "plain", "en")).toBe("CN-GD, CN-ZJ");
    expect(display({ a: 1 }, "plain", "en")).toBe('{"a":1}');
    expect(display("x".repeat(200), "plain", "en")).toHaveLength(80);
  });

  it("cuts long lists and says how many there are", () => {
    const list = Array.from({ length: 20 }, (_, i) => `r${i}`);
    expect(display(list, "plain", "en")).toMatch(/, … \(20 in all\)$/);
    expect(display(list, "plain", "zh")).toMatch(/等20项$/);
  });
});
