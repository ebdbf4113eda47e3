import { describe, expect, it } from "vitest";
import type { Check } from "../../campaign/model.js";
import { OPERATORS } from "./index.js";
import { isOverseas } from "./subset.js";

const check = (c: Partial<Check> & Pick<Check, "op">): Check => ({
  fact: "f",
  value: 0,
  format: "plain",
  ...c,
});
const test = (c: Check) => OPERATORS[c.op].test(c);

describe("numeric operators", () => {
  it("compare at the boundary", () => {
    expect(test(check({ op: "gte", value: 0.85 }))(0.85)).toBe(true);
    expect(test(check({ op: "gte", value: 0.85 }))(0.8499)).toBe(false);
    expect(test(check({ op: "gt", value: 2 }))(2)).toBe(false);
    expect(test(check({ op: "gt", value: 2 }))(2.01)).toBe(true);
    expect(test(check({ op: "lte", value: 10 }))(10)).toBe(true);
    expect(test(check({ op: "lte", value: 10 }))(10.5)).toBe(false);
    expect(test(check({ op: "lt", value: 36 }))(35)).toBe(true);
    expect(test(check({ op: "lt", value: 36 }))(36)).toBe(false);
  });

  it("fail closed on anything but a number", () => {
    const gte = test(check({ op: "gte", value: 0 }));
    for (const v of ["1", true, null, undefined, [1], { v: 1 }, Number.NaN]) {
      expect(gte(v)).toBe(false);
    }
  });

  it("describe what is required", () => {
    expect(OPERATORS.lt.required(check({ op: "lt", value: 36 }))).toBe("< 36");
    expect(OPERATORS.gte.required(check({ op: "gte", value: 0.85 }))).toBe(">= 0.85");
  });

  it("refuse a non-numeric threshold when compiling", () => {
    expect(() => test(check({ op: "gte", value: "0.85" }))).toThrow(/needs a number/);
  });
});

describe("eq, in, is", () => {
  it("compare strictly", () => {
    expect(test(check({ op: "eq", value: "A" }))("A")).toBe(true);
    expect(test(check({ op: "eq", value: 1 }))("1")).toBe(false);
    expect(test(check({ op: "in", value: [false, 0] }))(0)).toBe(true);
    expect(test(check({ op: "in", value: [false, 0] }))("0")).toBe(false);
    expect(test(check({ op: "in", value: [24, 48] }))(null)).toBe(false);
    expect(test(check({ op: "is", value: true }))(true)).toBe(true);
    expect(test(check({ op: "is", value: true }))(1)).toBe(false);
    expect(test(check({ op: "is", value: false }))(undefined)).toBe(false);
  });

  it("describe lists, cutting long ones", () => {
    const short = check({ op: "in", value: ["enterprise", "individual"] });
    expect(OPERATORS.in.required(short)).toBe("in [enterprise, individual]");
    const long = check({ op: "in", value: Array.from({ length: 45 }, (_, i) => `c${i}`) });
    expect(OPERATORS.in.required(long)).toBe("in [c0, c1, c2, c3, c4, … 40 more]");
    expect(OPERATORS.is.required(check({ op: "is", value: false }))).toBe("= false");
  });
});

describe("atLeast", () => {
  const medal = check({
    op: "atLeast",
    value: "A",
    order: ["none", "A", "AA", "AAA", "AAAA", "AAAAA"],
  });
  it("ranks on the order", () => {
    const t = test(medal);
    expect(t("A")).toBe(true);
    expect(t("AAAAA")).toBe(true);
    expect(t("none")).toBe(false);
  });
  it("fails closed off the scale", () => {
    const t = test(medal);
    for (const v of ["a", "B", "constructor", "__proto__", 1, null, undefined])
      expect(t(v)).toBe(false);
  });
  it("says what is required", () => expect(OPERATORS.atLeast.required(medal)).toBe(">= A"));
});

describe("subsetOf with the overseas token", () => {
  const regions = check({
    op: "subsetOf",
    value: ["CN-TW", "CN-HK", "CN-MO", "overseas", "CN-XJ"],
  });
  const t = test(regions);
  const offenders = OPERATORS.subsetOf.actual!(regions);

  it("accepts listed regions, the token itself and foreign codes", () => {
    expect(t([])).toBe(true);
    expect(t(["CN-XJ", "CN-HK"])).toBe(true);
    expect(t(["US", "JP-13", "overseas"])).toBe(true);
  });

  it("rejects other Chinese regions and names only those", () => {
    expect(t(["CN-XJ", "CN-GD"])).toBe(false);
    expect(offenders(["CN-XJ", "CN-GD", "US", "CN-ZJ"])).toEqual(["CN-GD", "CN-ZJ"]);
  });

  it("treats lower-case Chinese codes, empty strings and non-strings as offenders", () => {
    expect(offenders(["cn-gd", "", 7, null, "CN"])).toEqual(["cn-gd", "", 7, null, "CN"]);
  });

  it("fails closed on a non-array and reports it as given", () => {
    expect(t("CN-GD")).toBe(false);
    expect(offenders("CN-GD")).toBe("CN-GD");
  });

  it("without the token, foreign codes offend too", () => {
    const strict = check({ op: "subsetOf", value: ["CN-XJ"] });
    expect(test(strict)(["US"])).toBe(false);
  });

  it("knows what is overseas", () => {
    expect(isOverseas("US-CA")).toBe(true);
    expect(isOverseas("CN-GD")).toBe(false);
    expect(isOverseas("CN")).toBe(false);
    expect(isOverseas("")).toBe(false);
  });
});
