/** Shapes of the held-claims queue and of resolving one. */
import { z } from "zod";
import { Id, Instant } from "./common.js";
import { FulfilmentQuery } from "./fulfilment.js";

export const HeldClaimsQuery = FulfilmentQuery.extend({
  status: z
    .enum(["open", "all"])
    .default("open")
    .describe("open: held and not yet resolved (default); all: with their resolutions"),
  merchantId: Id.optional(),
});

export const HeldClaimParams = z.object({
  campaignId: Id,
  orderId: Id,
  kind: z.enum(["late_shipment", "false_shipment"]),
});

export const HeldClaimView = z
  .object({
    orderId: Id,
    kind: z.string(),
    merchantId: Id.nullable(),
    productId: Id.nullable(),
    buyerId: z.string(),
    reason: z.string().describe("why the evaluation held it, e.g. buyer_risk"),
    heldAt: Instant,
    orderAmountFen: z.number().int(),
    payableFen: z.number().int().describe("what paying it gives the buyer under the policy"),
    resolution: z
      .record(z.string(), z.unknown())
      .nullable()
      .describe("the claim.paid or claim.declined decision, once resolved"),
    withdrawnAt: Instant.nullable().describe(
      "when the claim was withdrawn with its violation (a later fact, an upheld appeal): nothing is left to pay",
    ),
  })
  .meta({ id: "HeldClaimView" });

export const HeldClaimPage = z.object({
  items: z.array(HeldClaimView),
  nextCursor: z.string().nullable(),
});

export const ResolveBody = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("pay"), note: z.string().max(2000).optional() }),
  z.object({
    decision: z.literal("decline"),
    reason: z.string().min(1).max(2000).describe("required: why the buyer is not paid"),
  }),
]);

export const ResolveAnswer = z.object({
  decision: z.record(z.string(), z.unknown()),
});
