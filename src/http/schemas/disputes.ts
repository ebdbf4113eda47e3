/** Shapes of appeals and withdrawal (docs/interfaces.md, "Disputes and the merchant's own exit"). */
import { z } from "zod";
import { parseInstant } from "../../domain/time/parse.js";
import { Id, Instant } from "./common.js";
import { FulfilmentQuery } from "./fulfilment.js";

const Text = (max: number) => z.string().trim().min(1).max(max);

export const Evidence = z.strictObject({
  trackingNo: z.string().trim().max(128).optional(),
  carrier: z.string().trim().max(128).optional(),
  pickedUpAt: z
    .string()
    .refine((t) => parseInstant(t) !== null, {
      message: "an ISO-8601 time with an offset, like 2024-02-10T09:00:00+08:00",
    })
    .optional()
    .describe("when the carrier really picked the parcel up (its scan), if the merchant knows"),
  note: z.string().trim().max(2000).optional(),
});

export const FileAppealBody = z.object({
  orderId: Id,
  kind: z.enum(["late_shipment", "false_shipment"]),
  reason: Text(2000).describe("why the violation is wrong, in the merchant's words"),
  evidence: Evidence.optional(),
});

export const AppealDecisionBody = z.object({
  decision: z.enum(["uphold", "dismiss"]),
  note: Text(2000).describe("why: shown to the merchant and kept in the audit log"),
});

export const WithdrawalBody = z.object({
  reason: Text(2000).describe("why the merchant leaves (e.g. it cannot ship)"),
});

export const AppealsQuery = FulfilmentQuery.extend({
  status: z.enum(["open", "upheld", "dismissed", "lapsed", "all"]).default("all"),
  merchantId: Id.optional().describe("a merchant's own appeals (a merchant token: its own id)"),
});

export const AppealParams = z.object({ appealId: Id });

export const AppealView = z
  .object({
    appealId: Id,
    campaignId: Id,
    merchantId: Id,
    orderId: Id,
    productId: Id,
    kind: z.string(),
    violationAt: Instant.describe("the violation appealed (its missed deadline)"),
    windowClosesAt: Instant.describe("the last moment this violation could be appealed"),
    reason: z.string(),
    evidence: z.record(z.string(), z.unknown()).nullable(),
    status: z
      .enum(["open", "upheld", "dismissed", "lapsed"])
      .describe(
        "lapsed: a later fact revoked the violation before anyone decided (decision null, decidedAt when)",
      ),
    filedAt: Instant,
    dueAt: Instant.describe("when the operator's decision is due (the campaign's SLA)"),
    overdue: z.boolean().describe("open past its due time"),
    decidedAt: Instant.nullable(),
    decision: z.object({ decision: z.enum(["uphold", "dismiss"]), note: z.string() }).nullable(),
    decisions: z
      .array(z.record(z.string(), z.unknown()))
      .describe("what an upheld appeal undid: the revocation and its corrections"),
  })
  .meta({ id: "AppealView" });

export const FiledAnswer = AppealView;

export const AppealPage = z.object({
  items: z.array(AppealView),
  nextCursor: z.string().nullable(),
});

export const WithdrawnAnswer = z.object({
  merchantId: Id,
  reason: z.literal("withdrew"),
  exitedAt: Instant,
  decisions: z.array(z.record(z.string(), z.unknown())),
});
