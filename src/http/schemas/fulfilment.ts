/** Shapes of the fulfilment reads: orders, decisions, standing and weights, totals, pickup rate. */
import { z } from "zod";
import { Id, Instant } from "./common.js";

export const FulfilmentQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1000).optional(),
});

export const DecisionsQuery = FulfilmentQuery.extend({
  group: z.enum(["violations", "claims", "refunds", "venue", "all"]).default("all"),
});

const at = Instant.nullable();

export const OrderView = z.object({
  orderId: Id,
  merchantId: Id,
  productId: Id,
  title: z.string().nullable().optional().describe("the product's title from its current facts"),
  amountFen: z.number().int(),
  buyerId: z.string(),
  buyerRisk: z.string(),
  paidAt: Instant,
  shipDueAt: at.describe("open obligation: ship online by (null once met, missed or refunded)"),
  shippedAt: at,
  pickupDueAt: at.describe("open obligation: carrier picks up by"),
  pickedUpAt: at,
  deliveredAt: at,
  refundedAt: at,
  refundIds: z.array(z.string()),
  violations: z.array(z.string()),
});

export const OrderPage = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });

export const DecisionPage = z.object({
  items: z.array(z.record(z.string(), z.unknown())),
  nextCursor: z.string().nullable(),
});

export const StandingView = z.object({
  merchantId: Id,
  violations: z.number().int(),
  status: z.enum(["active", "exited"]),
  exitedAt: at,
  exitReason: z.string().nullable(),
  listings: z.array(
    z.object({
      productId: Id,
      title: z
        .string()
        .nullable()
        .optional()
        .describe("the product's title from its current facts"),
      weight: z.number(),
      violations: z.number().int(),
      inVenue: z.boolean(),
      listedAt: Instant,
      delistedAt: at,
      delistReason: z.string().nullable(),
    }),
  ),
});

export const TotalsView = z.object({
  campaignId: Id,
  orders: z.number().int(),
  shippedOnTime: z.number().int(),
  instantRefunds: z.number().int(),
  violations: z.record(z.string(), z.number().int()).describe("by kind"),
  claimsPaid: z.number().int(),
  claimsPaidFen: z.number().int(),
  claimsHeld: z.number().int().describe("claims the evaluation held for a person, ever"),
  claimsDeclined: z.number().int().describe("held claims a person declined"),
  claimsWaiting: z.number().int().describe("held claims no one has resolved yet"),
  delistedProducts: z.number().int(),
  exitedMerchants: z.number().int(),
});

export const PickupRateView = z.object({
  merchantId: Id,
  snapshot: z.number().nullable().describe("pickupRate48h as the platform last sent it"),
  computed: z.number().nullable().describe("from our stored orders (metric.pickup_rate_48h)"),
  used: z.number().nullable().describe("what eligibility uses: the snapshot, else ours"),
  source: z.enum(["snapshot", "computed", "none"]),
  required: z.number().int(),
  pickedUpInTime: z.number().int(),
  windowStart: Instant,
  windowEnd: Instant,
});
