/**
 * The campaign file's shape (format `gala.campaign/v1`), as a zod schema. Strict objects: an
 * unknown key is a typo until proven otherwise, and a campaign that silently ignores a rule
 * field would screen merchants wrongly.
 */
import { z } from "zod";
import { DURATION_PATTERN, parseDuration } from "../time/duration.js";

const text = z.string().trim().min(1);
export const bilingualSchema = z.strictObject({ zh: text, en: text });

/** Wall-clock time in the campaign's zone, to the second: `2024-02-09 00:00:00`. */
export const wallClockSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}$/,
    "expected a wall-clock time YYYY-MM-DD HH:MM:SS",
  );

export const windowSchema = z.strictObject({ start: wallClockSchema, end: wallClockSchema });

export const operatorSchema = z.enum([
  "gte",
  "gt",
  "lte",
  "lt",
  "eq",
  "in",
  "atLeast",
  "subsetOf",
  "is",
]);
export const displayFormatSchema = z.enum(["plain", "percent", "yuan", "hours"]);
/** Lists declared elsewhere in the file that a check may take its value from. */
export const valueSourceSchema = z.enum(["categories", "freeShippingExclusions"]);

const scalar = z.union([z.string(), z.number(), z.boolean()]);

const factName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "expected a fact name such as pickupRate48h");

export const checkSchema = z.strictObject({
  fact: factName,
  op: operatorSchema,
  value: z.union([scalar, z.array(scalar)]).optional(),
  valueFrom: valueSourceSchema.optional(),
  /** Another fact of the same subject to compare with (numeric operators). */
  valueFact: factName.optional(),
  order: z.array(z.string().min(1)).min(2).optional(),
  format: displayFormatSchema.optional(),
  message: bilingualSchema.optional(),
});

export const ruleSchema = z.strictObject({
  code: z
    .string()
    .regex(/^(merchant|product)\.[a-z0-9_]+$/, "expected a code such as merchant.violation_points"),
  clause: z.union([z.string(), z.number()]).transform(String),
  subject: z.enum(["merchant", "product"]),
  title: bilingualSchema,
  check: checkSchema.optional(),
  checks: z.array(checkSchema).min(1).optional(),
  message: bilingualSchema,
  /**
   * `continuous`: judged again whenever an approved registration's facts change during the
   * campaign (`enforce.continuous`); default: at registration only.
   */
  recheck: z.enum(["registration", "continuous"]).default("registration"),
});

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** `10m`, `30s`, `2h`, `1d`: read as milliseconds. */
const durationSchema = z
  .string()
  .regex(DURATION_PATTERN, "expected a duration such as 10m, 30s, 2h or 1d")
  .transform((text) => parseDuration(text)!);

const rangeSchema = z.strictObject({
  gte: z.number().optional(),
  gt: z.number().optional(),
  lte: z.number().optional(),
  lt: z.number().optional(),
});

/**
 * One row of `policy.claims`: conditions (all must hold; none = every claim) and exactly one
 * outcome: `pay` at a rate within bounds, `hold` for a person (the value is the reason the
 * `claim.held` gives), or `none` (no claim).
 */
export const claimRowSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, "expected a row id such as high-risk-buyer or history-3"),
  when: z
    .strictObject({
      kind: z
        .array(z.enum(["late_shipment", "false_shipment"]))
        .min(1)
        .optional(),
      amountFen: rangeSchema.optional(),
      merchantViolations: rangeSchema.optional(),
      buyerRisk: z
        .array(z.enum(["normal", "high"]))
        .min(1)
        .optional(),
    })
    .optional(),
  pay: z
    .strictObject({
      rateBasisPoints: nonNegativeInt,
      minFen: nonNegativeInt,
      maxFen: nonNegativeInt,
    })
    .optional(),
  hold: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, "expected a reason code such as buyer_risk")
    .optional(),
  none: z.literal(true).optional(),
});

export const policySchema = z.strictObject({
  review: z.strictObject({ slaHours: positiveInt }),
  /**
   * How late an event may arrive behind the latest one seen and change nothing (docs/interfaces.md,
   * "Time, lateness and corrections"); absent = 0: a perfect stream.
   */
  lateness: durationSchema.default(0),
  instantRefund: z.strictObject({
    kinds: z.array(z.enum(["refund_only", "return_refund"])),
    maxAmountFen: nonNegativeInt,
    /** Campaign orders are those paid in this window; their refunds follow them after it. */
    window: z.literal("activity"),
  }),
  shipping: z.strictObject({
    defaultGuaranteeHours: positiveInt,
    /** The guarantees a listing may carry (六.2: 48 h or 24 h); any other is refused. */
    allowedGuaranteeHours: z.array(positiveInt).min(1).default([24, 48]),
    exceptionReportAllowed: z.boolean(),
  }),
  falseShipment: z.strictObject({ pickupWithinHours: positiveInt }),
  compensation: z.strictObject({
    rateBasisPoints: nonNegativeInt,
    minFen: nonNegativeInt,
    maxFen: nonNegativeInt,
    holdForBuyerRisk: z.array(z.string()),
  }),
  /** The claim evaluation as a decision table (first matching row wins); absent: `compensation`'s. */
  claims: z.array(claimRowSchema).min(1).optional(),
  traffic: z.strictObject({
    weightSteps: z.array(z.number().gt(0).lte(1)),
    /** 0 = never. */
    delistAtViolations: nonNegativeInt,
  }),
  /** 0 = never. */
  exit: z.strictObject({ maxViolations: nonNegativeInt }),
  pickupRate: z.strictObject({ windowDays: positiveInt, pickupWithinHours: positiveInt }),
  /** Appeals (`enforce.appeal`); absent in files older than appeals: 7 days, 48 h. */
  appeals: z
    .strictObject({ windowDays: positiveInt, slaHours: positiveInt })
    .default({ windowDays: 7, slaHours: 48 }),
});

export const campaignFileSchema = z.strictObject({
  format: z.literal("gala.campaign/v1"),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected a slug such as spring-festival-2024"),
  name: bilingualSchema,
  description: bilingualSchema.optional(),
  timeZone: text,
  windows: z.strictObject({ registration: windowSchema, activity: windowSchema }),
  benefits: z.array(bilingualSchema).default([]),
  categories: z
    .array(z.strictObject({ id: text, en: text, aliases: z.array(text).optional() }))
    .min(1),
  freeShippingExclusions: z.array(text).default([]),
  rules: z.array(ruleSchema).min(1),
  policy: policySchema,
});

export type CampaignFile = z.infer<typeof campaignFileSchema>;
export type CheckFile = z.infer<typeof checkSchema>;
export type ClaimRowFile = z.infer<typeof claimRowSchema>;
