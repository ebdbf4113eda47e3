/**
 * The campaign file's shape (format `gala.campaign/v1`), as a zod schema. Strict objects: an
 * unknown key is a typo until proven otherwise, and a campaign that silently ignores a rule
 * field would screen merchants wrongly.
 */
import { z } from "zod";

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
});

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

export const policySchema = z.strictObject({
  review: z.strictObject({ slaHours: positiveInt }),
  instantRefund: z.strictObject({
    kinds: z.array(z.enum(["refund_only", "return_refund"])),
    maxAmountFen: nonNegativeInt,
    window: z.literal("activity"),
  }),
  shipping: z.strictObject({
    defaultGuaranteeHours: positiveInt,
    exceptionReportAllowed: z.boolean(),
  }),
  falseShipment: z.strictObject({ pickupWithinHours: positiveInt }),
  compensation: z.strictObject({
    rateBasisPoints: nonNegativeInt,
    minFen: nonNegativeInt,
    maxFen: nonNegativeInt,
    holdForBuyerRisk: z.array(z.string()),
  }),
  traffic: z.strictObject({
    weightSteps: z.array(z.number().gt(0).lte(1)),
    delistAtViolations: positiveInt,
  }),
  exit: z.strictObject({ maxViolations: positiveInt }),
  pickupRate: z.strictObject({ windowDays: positiveInt, pickupWithinHours: positiveInt }),
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
export type RuleFile = z.infer<typeof ruleSchema>;
