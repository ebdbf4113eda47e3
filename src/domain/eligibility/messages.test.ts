/**
 * A message never contradicts its verdict: when a numeric rule fails on a value that is not the
 * required one, the value the message shows is never the value it shows as required ("85%,
 * needs 85%" for 0.849999999). Checked on every operator and display format, and on the
 * reference campaign's own templates.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runs } from "../../../test/support/runs.js";
import { parseCampaign } from "../campaign/load.js";
import type { DisplayFormat, Rule } from "../campaign/model.js";
import { compileRule } from "./compile.js";
import { compileEligibility } from "./engine.js";
import { validMerchant, validProduct } from "./fixtures.js";
import { splitTemplate } from "./message.js";

const OPS = ["gte", "gt", "lte", "lt"] as const;
const FORMATS: DisplayFormat[] = ["plain", "percent", "yuan", "hours"];

/** A rule on a fact the contract does not name, so only the operator judges it. */
function ruleOf(op: (typeof OPS)[number], value: number, format: DisplayFormat): Rule {
  return {
    code: "merchant.score",
    clause: "test",
    subject: "merchant",
    title: { zh: "分数", en: "Score" },
    checks: [{ fact: "score", op, value, format }],
    message: { zh: "{actual}|{required}", en: "{actual}|{required}" },
    recheck: "registration",
  };
}

/** Numbers as a format takes them: fractions near the threshold, or whole fen and hours. */
const numbersFor = (format: DisplayFormat) =>
  format === "yuan" || format === "hours"
    ? fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })
    : fc.oneof(
        fc.double({ min: -2, max: 2, noNaN: true, noDefaultInfinity: true }),
        fc.double({ min: 0.84, max: 0.86, noNaN: true }),
        fc.integer({ min: -1000, max: 1000 }).map((n) => n / 100),
      );

/** An actual near the threshold: the threshold itself, a neighbour by one ulp, or any number. */
const nearby = (threshold: number, format: DisplayFormat) =>
  fc.oneof(
    fc.constant(threshold),
    fc.constantFrom(
      threshold - 1e-9,
      threshold + 1e-9,
      threshold - Number.EPSILON * Math.max(1, Math.abs(threshold)),
      threshold + Number.EPSILON * Math.max(1, Math.abs(threshold)),
    ),
    numbersFor(format),
  );

describe("the value shown never reads as the value required", () => {
  for (const format of FORMATS) {
    it(`for every numeric operator, format ${format}`, () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...OPS),
          numbersFor(format).chain((t) => fc.tuple(fc.constant(t), nearby(t, format))),
          (op, [threshold, actual]) => {
            const failure = compileRule(ruleOf(op, threshold, format))({ score: actual });
            if (failure === undefined || actual === threshold) return;
            for (const text of [failure.message.zh, failure.message.en]) {
              const [shown, required] = text.split("|");
              expect(shown).not.toBe(required);
            }
          },
        ),
        { numRuns: runs(400) },
      );
    });
  }

  it("on the reference campaign's templates, for every numeric rule", () => {
    const text = readFileSync(
      new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url),
      "utf8",
    );
    const parsed = parseCampaign(text, "spring-festival-2024.yaml");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const engine = compileEligibility(parsed.campaign);
    const numeric = parsed.campaign.rules.filter((r) =>
      r.checks.some((c) => (OPS as readonly string[]).includes(c.op) && !c.valueFact),
    );
    expect(numeric.map((r) => r.code)).toEqual([
      "merchant.pickup_rate_48h",
      "merchant.lighthouse_score",
      "merchant.buyer_protection_deposit",
      "merchant.violation_points",
      "merchant.prohibited_info_points",
    ]);
    for (const rule of numeric) {
      const check = rule.checks[0]!;
      const threshold = check.value as number;
      const integer = check.format === "yuan" || Number.isInteger(threshold);
      const values = integer
        ? fc.integer({ min: 0, max: Math.max(1000, threshold * 3) })
        : fc.double({ min: 0, max: 1, noNaN: true });
      fc.assert(
        fc.property(fc.oneof(values, nearby(threshold, check.format)), (actual) => {
          const decision = engine.evaluateMerchant({ ...validMerchant(), [check.fact]: actual });
          const failure = decision.failures.find((f) => f.rule === rule.code);
          if (failure === undefined || actual === threshold || failure.actual !== actual) return;
          if (failure.message.en.startsWith("Invalid data")) return; // out of the fact's range
          for (const lang of ["zh", "en"] as const) {
            const [shown, required] = shownValues(rule.message[lang], failure.message[lang]);
            expect(shown, `${rule.code} ${lang}: ${failure.message[lang]}`).not.toBe(required);
          }
        }),
        { numRuns: runs(300) },
      );
    }
  });

  it("for the price compared with another fact", () => {
    const text = readFileSync(
      new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url),
      "utf8",
    );
    const parsed = parseCampaign(text, "spring-festival-2024.yaml");
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const engine = compileEligibility(parsed.campaign);
    const rule = parsed.campaign.rules.find((r) => r.code === "product.lowest_price")!;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000_000 }),
        fc.integer({ min: 1, max: 1000 }),
        (lowest, over) => {
          const product = {
            ...validProduct(),
            activityPriceFen: lowest + over,
            lowestPrice30dFen: lowest,
          };
          const [failure] = engine.evaluateProduct(product, { eligible: true }).failures;
          expect(failure?.required).toBe(`<= ${lowest}`);
          for (const lang of ["zh", "en"] as const) {
            const [shown, required] = shownValues(rule.message[lang], failure!.message[lang]);
            expect(shown).not.toBe(required);
          }
        },
      ),
    );
  });
});

/** Reads `{actual}` and `{required}` back out of a message rendered from `template`. */
function shownValues(template: string, message: string): [string, string] {
  const { pieces, slots } = splitTemplate(template);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(
    `^${pieces.map(literal).reduce((re, piece) => `${re}(.+?)${piece}`)}$`,
    "s",
  );
  const match = pattern.exec(message);
  if (!match) throw new Error(`"${message}" does not follow "${template}"`);
  const actual = match[slots.indexOf("actual") + 1]!;
  const required = match[slots.indexOf("required") + 1]!;
  return [actual, required];
}
