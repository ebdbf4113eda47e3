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

export const OrderView = z
  .object({
    orderId: Id,
    merchantId: Id,
    productId: Id,
    title: z.string().nullable().optional().describe("the product's title from its current facts"),
    amountFen: z.number().int(),
    buyerId: z.string(),
    buyerRisk: z.string(),
    paidAt: Instant,
    campaignOrder: z
      .boolean()
      .describe(
        "a campaign order (paid inside the activity window on a product the venue listed): only these are decided on",
      ),
    shipBy: Instant.describe("the ship-online deadline: payment + the guarantee"),
    shipDueAt: at.describe("open obligation: ship online by (null once met, missed or refunded)"),
    shippedAt: at,
    trackingNo: z.string().nullable(),
    carrier: z.string().nullable(),
    pickupDueAt: at.describe("open obligation: carrier picks up by (null once met or missed)"),
    pickedUpAt: at,
    deliveredAt: at,
    refundedAt: at.describe("when an instant refund went through"),
    refundIds: z.array(z.string()),
    refunds: z.array(
      z.object({
        refundId: z.string(),
        at: Instant,
        amountFen: z.number().int(),
        kind: z.string(),
        decided: z
          .string()
          .nullable()
          .describe(
            "approved, a reason it waits for the merchant, contradicted; null until decided",
          ),
      }),
    ),
    violations: z.array(z.string()).describe("the violation in force (at most one per order)"),
    violationAt: at.describe("the deadline the violation in force was recorded at"),
    revoked: z.array(z.string()).describe("violation kinds recorded and then revoked"),
    claim: z
      .object({
        kind: z.string(),
        status: z.enum(["paid", "held", "declined"]),
        amountFen: z.number().int(),
        revision: z
          .number()
          .int()
          .optional()
          .describe("evaluated again after the merchant's history changed: the n-th revision"),
      })
      .nullable()
      .describe("the buyer's claim for the violation in force"),
  })
  .meta({ id: "OrderView" });

export const OrderPage = z.object({ items: z.array(OrderView), nextCursor: z.string().nullable() });

export const OrderTimelineView = z.object({
  order: OrderView,
  entries: z
    .array(
      z.object({
        kind: z.enum(["fact", "decision"]),
        type: z.string(),
        at: Instant,
        detail: z.record(z.string(), z.unknown()).optional().describe("a fact's fields"),
        decision: z
          .record(z.string(), z.unknown())
          .optional()
          .describe("a decision as the decisions feed shows it"),
      }),
    )
    .describe(
      "the channel's facts and every decision about the order, corrections included, in time order",
    ),
});

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
      suspendedAt: at.describe("out of the venue while its facts fail a continuous rule"),
      suspendedRules: z.array(z.string()).nullable().describe("the failing rule codes"),
    }),
  ),
});

export const TotalsView = z.object({
  campaignId: Id,
  orders: z.number().int(),
  shippedOnTime: z.number().int(),
  instantRefunds: z.number().int(),
  violations: z.record(z.string(), z.number().int()).describe("in force, by kind"),
  violationsRevoked: z.number().int().describe("recorded, then revoked (a late fact, an appeal)"),
  claimsPaid: z.number().int().describe("paid and not reversed"),
  claimsPaidFen: z.number().int(),
  claimsReversed: z.number().int().describe("paid, then reversed with their violation"),
  claimsReversedFen: z.number().int(),
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
