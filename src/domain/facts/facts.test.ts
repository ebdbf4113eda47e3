/**
 * One fact schema, two readers: the predicate the engine runs and the zod schema the HTTP API
 * runs must accept exactly the same values, for every fact, on any JSON value.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { FACTS, type FactField, factField, MERCHANT_FACTS, PRODUCT_FACTS } from "./fields.js";
import { expectation, factPredicate } from "./validate.js";
import { factSchema } from "./zod.js";

/** Values near every boundary the table has, and arbitrary JSON besides. */
const edgy = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(
    0,
    -0,
    1,
    -1,
    0.5,
    1.0000001,
    -0.0000001,
    24,
    48,
    72,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    1e300,
    "",
    "A",
    "none",
    "enterprise",
    "12",
    true,
    false,
    null,
    [],
    ["CN-GD"],
    [""],
    ["x".repeat(17)],
    ["x".repeat(16)],
    [7],
    Array.from({ length: 301 }, () => "CN-GD"),
    Array.from({ length: 300 }, () => "CN-GD"),
    "x".repeat(100),
    "x".repeat(101),
    "x".repeat(201),
    "x".repeat(501),
  ),
);

const everyField = Object.entries(FACTS).flatMap(([subject, table]) =>
  Object.entries(table).map(([name, field]) => [`${subject}.${name}`, field] as const),
);

describe("the fact schema", () => {
  it.each(everyField)("%s: the engine's predicate and the API's zod schema agree", (_, field) => {
    const valid = factPredicate(field);
    const schema = factSchema(field).nullable();
    fc.assert(
      fc.property(edgy, (value) => {
        const byZod = schema.safeParse(value).success;
        // null is "unknown" for the API (accepted) and for the engine (handled before asking).
        if (value === null) return;
        expect(valid(value)).toBe(byZod);
      }),
      { numRuns: runs(300) },
    );
  });

  it("refuses the out-of-range values the issue names, in words both readers use", () => {
    const pickup = MERCHANT_FACTS.pickupRate48h!;
    const points = MERCHANT_FACTS.violationPoints!;
    expect(factPredicate(pickup)(1.5)).toBe(false);
    expect(factPredicate(pickup)(1)).toBe(true);
    expect(factPredicate(points)(-5)).toBe(false);
    expect(factPredicate(points)(0)).toBe(true);
    expect(expectation(pickup)).toEqual({ zh: "0 到 1 之间的数", en: "a number from 0 to 1" });
    expect(factSchema(pickup).safeParse(1.5).error?.issues[0]?.message).toBe(
      "must be a number from 0 to 1",
    );
  });

  it("lets null mean 'not enrolled' only where the contract says so", () => {
    const guarantee = PRODUCT_FACTS.shippingGuaranteeHours!;
    expect(guarantee.nullMeans).toEqual({ zh: "未报名", en: "not enrolled" });
    expect(factPredicate(guarantee)(null)).toBe(true);
    expect(factPredicate(MERCHANT_FACTS.pickupRate48h!)(null)).toBe(false);
    const withNull: FactField = {
      types: [{ kind: "boolean" }],
      nullMeans: { zh: "无", en: "none" },
    };
    expect(expectation(withNull)).toEqual({
      zh: "true 或 false，或null（无）",
      en: "true or false, or null (none)",
    });
  });

  it("describes every kind of value in both languages", () => {
    const words = (field: FactField) => expectation(field);
    expect(words({ types: [{ kind: "number" }] })).toEqual({ zh: "数字", en: "a number" });
    expect(words({ types: [{ kind: "number", max: 5 }] })).toEqual({
      zh: "不大于 5 的数",
      en: "a number ≤ 5",
    });
    expect(words({ types: [{ kind: "number", integer: true }] })).toEqual({
      zh: "整数",
      en: "a whole number",
    });
    expect(words(MERCHANT_FACTS.infringingListingPenalty!)).toEqual({
      zh: "true 或 false，或不小于 0 的数",
      en: "true or false, or a number ≥ 0",
    });
    expect(words(MERCHANT_FACTS.mainCategory!)).toEqual({
      zh: "不超过 100 个字符的文本",
      en: "text of at most 100 characters",
    });
    expect(words(MERCHANT_FACTS.certification!)).toEqual({
      zh: "enterprise、individual、none 之一",
      en: "one of enterprise, individual, none",
    });
  });

  it("finds a field by subject and name, and nothing on the prototype", () => {
    expect(factField("merchant", "pickupRate48h")).toBe(MERCHANT_FACTS.pickupRate48h);
    expect(factField("product", "pickupRate48h")).toBeUndefined();
    expect(factField("merchant", "constructor")).toBeUndefined();
    expect(factField("product", "lowestPrice180dFen")).toBe(PRODUCT_FACTS.lowestPrice180dFen);
  });
});
