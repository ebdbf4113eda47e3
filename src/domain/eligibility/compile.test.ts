/**
 * Compiled rules outside the reference campaign: facts the contract does not name, checks a
 * campaign could hold, and campaigns that skipped validation. Rules are compiled inside each
 * test, so that a compiler that throws fails that test (and is seen under mutation testing).
 */
import { describe, expect, it } from "vitest";
import type { Check, Rule } from "../campaign/model.js";
import { compileRule, invalidMessage, missingMessage } from "./compile.js";
import { compileEligibility } from "./engine.js";

const rule = (checks: Check[], over: Partial<Rule> = {}): Rule => ({
  code: "merchant.custom",
  clause: "x",
  subject: "merchant",
  title: { zh: "自定义", en: "Custom" },
  checks,
  message: { zh: "值为 {actual}，需 {required}", en: "value {actual}, needs {required}" },
  recheck: "registration",
  ...over,
});
const scoreCheck = (over: Partial<Check> = {}): Check => ({
  fact: "score",
  op: "gte",
  value: 10,
  format: "plain",
  ...over,
});

describe("a rule on a fact the contract does not name", () => {
  const compiled = (facts: Record<string, unknown>) => compileRule(rule([scoreCheck()]))(facts);

  it("is judged by its operator alone, with the rule's own message", () => {
    expect(compiled({ score: 10 })).toBeUndefined();
    expect(compiled({ score: 9 })).toStrictEqual({
      rule: "merchant.custom",
      actual: 9,
      required: ">= 10",
      message: { zh: "值为 9，需 10", en: "value 9, needs 10" },
    });
    // Not in the fact table: a string is a wrong value, shown as given.
    expect(compiled({ score: "12" })?.message).toEqual({
      zh: "值为 12，需 10",
      en: "value 12, needs 10",
    });
  });

  it("fails closed when the fact is missing or null", () => {
    for (const facts of [{}, { score: null }]) {
      expect(compiled(facts)).toStrictEqual({
        rule: "merchant.custom",
        actual: null,
        required: ">= 10",
        message: {
          zh: "未提供「自定义」的数据（字段 score），按未达标处理",
          en: 'No data for "Custom" (field score): treated as not met',
        },
      });
    }
  });
});

describe("rules of several checks", () => {
  const twoChecks = (facts: Record<string, unknown>) =>
    compileRule(
      rule([
        scoreCheck({ message: { zh: "第一项 {actual}", en: "first {actual}" } }),
        scoreCheck({ fact: "other", op: "lt", value: 5 }),
      ]),
    )(facts);

  it("report the first failing check, with that check's own message", () => {
    expect(twoChecks({ score: 1, other: 9 })?.message.en).toBe("first 1");
    expect(twoChecks({ score: 10, other: 9 })?.message.en).toBe("value 9, needs 5");
    expect(twoChecks({ score: 10, other: 4 })).toBeUndefined();
  });
});

describe("compiling a campaign that skipped validation", () => {
  it("names the rule and the check that cannot be compiled", () => {
    expect(() => compileRule(rule([]))).toThrow("rule merchant.custom has no checks");
    expect(() =>
      compileRule(rule([scoreCheck(), scoreCheck({ op: "nope" as Check["op"] })])),
    ).toThrow("rule merchant.custom, check 2: rule merchant.custom: unknown operator nope");
    expect(() => compileRule(rule([scoreCheck({ op: "toString" as Check["op"] })]))).toThrow(
      /unknown operator toString/,
    );
    expect(() =>
      compileRule(rule([scoreCheck({ op: "in", valueFact: "other", value: undefined })])),
    ).toThrow("rule merchant.custom, check 1: operator in cannot compare score with another fact");
  });
});

describe("a check against another fact", () => {
  const priced = (facts: Record<string, unknown>) =>
    compileRule(
      rule([scoreCheck({ op: "gte", value: undefined, valueFact: "floor" })], {
        message: { zh: "{actual} 低于 {required}", en: "{actual} below {required}" },
      }),
    )(facts);

  it("compares the two facts, naming the other one's value as required", () => {
    expect(priced({ score: 5, floor: 5 })).toBeUndefined();
    expect(priced({ score: 4, floor: 5 })).toEqual({
      rule: "merchant.custom",
      actual: 4,
      required: ">= 5",
      message: { zh: "4 低于 5", en: "4 below 5" },
    });
  });

  it("fails closed on a missing fact the contract does not name, null included", () => {
    expect(priced({ score: null, floor: 5 })?.message.en).toBe(
      'No data for "Custom" (field score): treated as not met',
    );
    expect(priced({ score: 5, floor: null })).toStrictEqual({
      rule: "merchant.custom",
      actual: null,
      required: ">= floor",
      message: {
        zh: "未提供「自定义」的数据（字段 floor），按未达标处理",
        en: 'No data for "Custom" (field floor): treated as not met',
      },
    });
  });

  it("never lets a flag stand for a number, even in a field that may be a count", () => {
    // seriousFakeTransactions90d may be true or a count; `true` is no threshold (0 < true in JS).
    const flagged = compileRule(
      rule([
        scoreCheck({
          fact: "violationPoints",
          op: "lt",
          value: undefined,
          valueFact: "seriousFakeTransactions90d",
        }),
      ]),
    );
    expect(flagged({ violationPoints: 0, seriousFakeTransactions90d: 1 })).toBeUndefined();
    expect(flagged({ violationPoints: 0, seriousFakeTransactions90d: true })).toStrictEqual({
      rule: "merchant.custom",
      actual: 0,
      required: "< seriousFakeTransactions90d",
      message: {
        zh: "「自定义」的数据无效（字段 seriousFakeTransactions90d 为 true，应为不小于 0 的整数），按未达标处理",
        en: 'Invalid data for "Custom" (field seriousFakeTransactions90d is true; expected a whole number ≥ 0): treated as not met',
      },
    });
    // A field that is never a number reads as "expected a number".
    const boolean = compileRule(
      rule([scoreCheck({ op: "lte", value: undefined, valueFact: "holidayShipping" })]),
    );
    expect(boolean({ score: 0, holidayShipping: true })?.message.en).toBe(
      'Invalid data for "Custom" (field holidayShipping is true; expected a number): treated as not met',
    );
  });

  it("needs both to be numbers even when the contract does not name them", () => {
    expect(priced({ score: "4", floor: 5 })?.message.en).toBe(
      'Invalid data for "Custom" (field score is "4"; expected a number): treated as not met',
    );
    expect(priced({ score: 4, floor: "5" })).toStrictEqual({
      rule: "merchant.custom",
      actual: 4,
      required: ">= floor",
      message: {
        zh: '「自定义」的数据无效（字段 floor 为 "5"，应为数字），按未达标处理',
        en: 'Invalid data for "Custom" (field floor is "5"; expected a number): treated as not met',
      },
    });
  });
});

describe("messages for missing and invalid data", () => {
  const r = rule([scoreCheck()]);
  const field = { types: [{ kind: "boolean" as const }] };

  it("show an invalid value as JSON up to 80 characters, cut after", () => {
    const at = (length: number) => invalidMessage(r, "score", field, "x".repeat(length - 2)).en;
    expect(at(80)).toContain(`field score is "${"x".repeat(78)}";`);
    expect(at(81)).toContain(`field score is "${"x".repeat(78)}…;`);
  });

  it("are frozen when fixed, and show a value that cannot be written as JSON", () => {
    expect(Object.isFrozen(missingMessage(r, "score"))).toBe(true);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(invalidMessage(r, "score", field, cyclic).en).toBe(
      'Invalid data for "Custom" (field score is [object Object]; expected true or false): treated as not met',
    );
    expect(invalidMessage(r, "score", field, undefined).en).toContain("field score is undefined;");
  });
});

describe("the engine", () => {
  const engineOf = () =>
    compileEligibility({
      id: "c",
      hash: "h",
      name: { zh: "活动", en: "Campaign" },
      timeZone: "Asia/Shanghai",
      windows: {
        registration: { start: 0, end: 1, declared: { start: "", end: "", timeZone: "" } },
        activity: { start: 0, end: 1, declared: { start: "", end: "", timeZone: "" } },
      },
      categories: [],
      freeShippingExclusions: [],
      benefits: [],
      rules: [
        rule([scoreCheck()]),
        rule([scoreCheck({ fact: "size", op: "lt", value: 3 })], {
          code: "product.size",
          subject: "product",
        }),
      ],
      policy: {} as never,
    });

  it("takes finite numbers and strings as ids, nothing else", () => {
    const engine = engineOf();
    for (const [id, expected] of [
      ["m1", "m1"],
      [0, 0],
      [Number.NaN, null],
      [Number.POSITIVE_INFINITY, null],
      [true, null],
      [null, null],
    ] as const) {
      expect(engine.evaluateMerchant({ id, score: 10 }).merchantId).toBe(expected);
      expect(engine.evaluateJson({ id, score: 10 }, [])).toBe(
        JSON.stringify(engine.evaluate({ id, score: 10 }, [])),
      );
    }
  });

  it("writes a value that is not JSON (a function, from code) as null, and never throws", () => {
    const engine = engineOf();
    const json = engine.evaluateJson({ id: "m", score: () => 1 }, []);
    expect(JSON.parse(json).failures[0].actual).toBeNull();
  });

  it("lists its rules by subject, and reads the merchant's eligibility for a product", () => {
    const engine = engineOf();
    expect(engine.evaluateMerchant({ id: "m", score: 10 })).toStrictEqual({
      merchantId: "m",
      eligible: true,
      failures: [],
      campaign: "h",
    });
    expect(engine.rules).toEqual([
      { code: "merchant.custom", subject: "merchant" },
      { code: "product.size", subject: "product" },
    ]);
    expect(engine.evaluateProduct({ id: "p", size: 1 }, { eligible: true }).eligible).toBe(true);
    expect(engine.evaluateProduct({ id: "p", size: 1 }, { eligible: false }).eligible).toBe(false);
    expect(
      engine.evaluateProduct({ id: "p", size: 1 }, undefined as unknown as { eligible: boolean })
        .eligible,
    ).toBe(false);
    expect(engine.evaluate({ score: 10 }, [{ size: 1 }, { size: 5 }]).products).toEqual([
      { productId: null, eligible: true, failures: [] },
      {
        productId: null,
        eligible: false,
        failures: [
          {
            rule: "product.size",
            actual: 5,
            required: "< 3",
            message: { zh: "值为 5，需 3", en: "value 5, needs 3" },
          },
        ],
      },
    ]);
  });
});
