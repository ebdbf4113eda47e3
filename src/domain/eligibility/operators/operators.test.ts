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

  // Without the type check, null <= 36 and "12" < 36 would pass: JavaScript coerces them.
  const notNumbers = ["1", "12", "", true, false, null, undefined, [1], [], { v: 1 }, Number.NaN];

  it.each(["gte", "gt", "lte", "lt"] as const)("%s fails closed on anything but a number", (op) => {
    const low = test(check({ op, value: 36 }));
    const high = test(check({ op, value: -36 }));
    for (const v of notNumbers) {
      expect(low(v)).toBe(false);
      expect(high(v)).toBe(false);
      expect(OPERATORS[op].numeric!.compare(v, 36)).toBe(false);
      expect(OPERATORS[op].numeric!.compare(v, -36)).toBe(false);
    }
  });

  it("compare against a threshold given at evaluation, at the boundary", () => {
    expect(OPERATORS.gte.numeric!.compare(5, 5)).toBe(true);
    expect(OPERATORS.gte.numeric!.compare(4, 5)).toBe(false);
    expect(OPERATORS.gt.numeric!.compare(5, 5)).toBe(false);
    expect(OPERATORS.gt.numeric!.compare(6, 5)).toBe(true);
    expect(OPERATORS.lte.numeric!.compare(5, 5)).toBe(true);
    expect(OPERATORS.lte.numeric!.compare(6, 5)).toBe(false);
    expect(OPERATORS.lt.numeric!.compare(5, 5)).toBe(false);
    expect(OPERATORS.lt.numeric!.compare(4, 5)).toBe(true);
    expect(
      [OPERATORS.gte, OPERATORS.gt, OPERATORS.lte, OPERATORS.lt].map((o) => o.numeric?.symbol),
    ).toEqual([">=", ">", "<=", "<"]);
  });

  it("describe what is required, a threshold or the fact compared with", () => {
    expect(OPERATORS.lt.required(check({ op: "lt", value: 36 }))).toBe("< 36");
    expect(OPERATORS.gte.required(check({ op: "gte", value: 0.85 }))).toBe(">= 0.85");
    expect(OPERATORS.gt.required(check({ op: "gt", value: 2 }))).toBe("> 2");
    expect(OPERATORS.lte.required(check({ op: "lte", value: 10 }))).toBe("<= 10");
    const other = check({ op: "lte", value: undefined, valueFact: "lowestPrice30dFen" });
    expect(OPERATORS.lte.required(other)).toBe("<= lowestPrice30dFen");
  });

  it.each(["gte", "gt", "lte", "lt"] as const)(
    "%s refuses a threshold that is not a finite number",
    (op) => {
      for (const value of ["0.85", Number.POSITIVE_INFINITY, Number.NaN, null]) {
        expect(() => test(check({ op, value }))).toThrow(
          `operator ${op} on f needs a number, got ${String(value)}`,
        );
        expect(() => OPERATORS[op].required(check({ op, value }))).toThrow(/needs a number/);
      }
    },
  );
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

  it("refuse values they cannot compare with when compiling", () => {
    expect(() => test(check({ op: "eq", value: [1] }))).toThrow(
      "operator eq on f needs a string, number or boolean",
    );
    expect(() => test(check({ op: "in", value: "a" }))).toThrow(
      "operator in on f needs a list of strings, numbers or booleans",
    );
    expect(() => test(check({ op: "in", value: ["a", {}] }))).toThrow(/needs a list/);
    expect(() => test(check({ op: "is", value: "true" }))).toThrow(
      "operator is on f needs true or false",
    );
    expect(OPERATORS.eq.required(check({ op: "eq", value: "A" }))).toBe("= A");
  });

  it("match a list's aliases as the list, and name only the list", () => {
    const categories = check({ op: "in", value: ["办公"], aliases: ["工作"] });
    expect(test(categories)("工作")).toBe(true);
    expect(test(categories)("办公")).toBe(true);
    expect(test(categories)("文明")).toBe(false);
    expect(OPERATORS.in.required(categories)).toBe("in [办公]");
  });

  it("describe lists, cutting long ones", () => {
    const short = check({ op: "in", value: ["enterprise", "individual"] });
    expect(OPERATORS.in.required(short)).toBe("in [enterprise, individual]");
    const long = check({ op: "in", value: Array.from({ length: 45 }, (_, i) => `c${i}`) });
    expect(OPERATORS.in.required(long)).toBe("in [c0, c1, c2, c3, c4, … 40 more]");
    const twelve = Array.from({ length: 12 }, (_, i) => i);
    expect(OPERATORS.in.required(check({ op: "in", value: twelve }))).toBe(
      "in [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
    );
    expect(OPERATORS.in.required(check({ op: "in", value: [...twelve, 12] }))).toBe(
      "in [0, 1, 2, 3, 4, … 8 more]",
    );
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
  it("refuses a check without an order, or a level off it, when compiling", () => {
    expect(() => test({ ...medal, order: undefined } as Check)).toThrow(
      "operator atLeast on f needs an order",
    );
    expect(() => test({ ...medal, order: [] })).toThrow("operator atLeast on f needs an order");
    expect(() => test({ ...medal, value: "B" })).toThrow(
      "operator atLeast on f: B is not in its order",
    );
  });
  it("takes the lowest level itself", () => {
    const t = test({ ...medal, value: "none" });
    expect(t("none")).toBe(true);
    expect(t("x")).toBe(false);
  });
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
    expect(test(strict)(["CN-XJ"])).toBe(true);
    expect(OPERATORS.subsetOf.actual!(strict)(["US", "CN-XJ"])).toEqual(["US"]);
    expect(OPERATORS.subsetOf.required(strict)).toBe("subset of [CN-XJ]");
  });

  it("knows what is overseas", () => {
    expect(isOverseas("US-CA")).toBe(true);
    expect(isOverseas("CN-GD")).toBe(false);
    expect(isOverseas("CN")).toBe(false);
    expect(isOverseas("cn-gd")).toBe(false);
    expect(isOverseas("cn")).toBe(false);
    expect(isOverseas("CNX")).toBe(true);
    expect(isOverseas("XCN-GD")).toBe(true);
    expect(isOverseas("")).toBe(false);
    expect(isOverseas(7)).toBe(false);
  });
});
