/** What the console's own reads answer (routes/console.ts, console-orders.ts, campaign history). */
import { z } from "zod";
import { Bilingual, Id, Instant } from "./common.js";
import { AuditEntryView, RegistrationView } from "./registrations.js";

const count = z.number().int();
const Exited = z.object({ at: Instant, reason: z.string().nullable() }).nullable();

export const OverviewView = z.object({
  description: Bilingual.nullable(),
  benefits: z.array(Bilingual),
  rules: z.array(
    z.object({
      code: z.string(),
      clause: z.string(),
      subject: z.enum(["merchant", "product"]),
      title: Bilingual,
    }),
  ),
});

export const RuleResultView = z.object({
  code: z.string(),
  clause: z.string(),
  title: Bilingual,
  pass: z.boolean(),
  actual: z.unknown(),
  required: z.string(),
  actualText: Bilingual,
  requiredText: Bilingual,
  message: Bilingual.nullable(),
});

export const MerchantStandingView = z.object({
  merchantId: z.string(),
  name: z.string().nullable(),
  eligible: z.boolean(),
  factsKnown: z.boolean(),
  exited: Exited,
  rules: z.array(RuleResultView),
});

export const CataloguePage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.string().nullable(),
      priceFen: z.number().nullable(),
      registration: z.object({ state: z.string() }).nullable(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const VenueBrowsePage = z.object({
  items: z.array(
    z.object({
      productId: z.string(),
      merchantId: z.string(),
      title: z.string(),
      category: z.string().nullable(),
      priceFen: z.number().nullable(),
      weight: z.number(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const RegistrationDetailView = z.object({
  registration: RegistrationView,
  product: z.record(z.string(), z.unknown()).nullable(),
  merchant: z.object({
    id: z.string(),
    name: z.string().nullable(),
    factsKnown: z.boolean(),
    eligible: z.boolean(),
    exited: Exited,
    violations: count,
    registrations: z.record(z.string(), count),
  }),
  rules: z.object({ merchant: z.array(RuleResultView), product: z.array(RuleResultView) }),
  history: z.array(AuditEntryView),
});

export const MerchantListPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string().nullable(),
      mainCategory: z.string().nullable(),
      eligible: z.boolean(),
      failing: z.array(z.string()),
      exited: Exited,
      registrations: z.record(z.string(), count),
      orders: count,
      violations: count,
      delisted: count,
      suspended: count,
    }),
  ),
  nextCursor: z.string().nullable(),
  total: count.optional().describe("every match (first page only)"),
});

export const AuditBrowsePage = z.object({
  items: z.array(AuditEntryView),
  nextCursor: z.string().nullable(),
  total: count.optional().describe("every match (first page only)"),
});

const Money = z.object({ count, amountFen: count });

export const DashboardView = z.object({
  funnel: z.object({
    submitted: count,
    ineligible: count,
    pendingReview: count,
    approved: count,
    rejected: count,
    listed: count,
  }),
  approvalsByDay: z.array(z.object({ day: z.string(), approved: count, rejected: count })),
  ordersByDay: z.array(
    z.object({ day: z.string(), orders: count, shippedOnTime: count, shippedLate: count }),
  ),
  violationsByKind: z.array(z.object({ kind: z.string(), count })),
  claimsPaid: Money,
  claimsHeld: count,
  claimsWaiting: count.describe("held claims no one has resolved yet"),
  instantRefunds: Money,
  delistedProducts: count,
  exitedMerchants: count,
  reviewSla: z.object({ pending: count, dueSoon: count, overdue: count }),
});

export const SourceView = z.object({
  hash: z.string(),
  source: z.string(),
  sourceName: z.string(),
});

export const CampaignProblem = z.object({
  source: z.string(),
  line: z.number().int().optional(),
  path: z.string(),
  message: z.string(),
  fix: z.string(),
});

export const ValidateView = z.object({
  ok: z.boolean(),
  problems: z.array(CampaignProblem),
  id: z.string().optional(),
  hash: z.string().optional(),
});

const Change = z.object({ count, through: z.record(z.string(), count) });
const Changes = z.object({ total: count, becameEligible: Change, becameIneligible: Change });
const Becomes = z.enum(["eligible", "ineligible"]);

export const CompareView = z.union([
  z.object({ ok: z.literal(false), problems: z.array(CampaignProblem) }),
  z.object({
    ok: z.literal(true),
    problems: z.array(CampaignProblem),
    base: z.string(),
    other: z.string(),
    merchants: Changes,
    products: Changes,
    changes: z.object({
      merchants: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          becomes: Becomes,
          rules: z.array(z.string()),
        }),
      ),
      products: z.array(
        z.object({
          productId: z.string(),
          merchantId: z.string(),
          title: z.string().nullable(),
          becomes: Becomes,
          rules: z.array(z.string()),
        }),
      ),
      listedAtMost: count,
    }),
    enforcement: z
      .record(z.string(), z.unknown())
      .describe("gala replay --compare on the stored event log: totals under both versions"),
  }),
]);

const at = Instant.nullable();

export const TriagePage = z.object({
  items: z.array(
    z.object({
      orderId: z.string(),
      merchantId: z.string(),
      productId: z.string(),
      title: z.string().nullable().optional(),
      amountFen: count,
      buyerId: z.string(),
      buyerRisk: z.string(),
      paidAt: Instant,
      shipDueAt: at,
      shippedAt: at,
      pickupDueAt: at,
      pickedUpAt: at,
      deliveredAt: at,
      refundedAt: at,
      violations: z.array(z.string()),
      awaiting: z.array(
        z.object({
          refundId: z.string(),
          requestedAt: Instant,
          reason: z.string().nullable(),
          response: z
            .object({
              decision: z.enum(["approve", "refuse"]),
              note: z.string().nullable(),
              at: Instant,
            })
            .nullable(),
        }),
      ),
    }),
  ),
  nextCursor: z.string().nullable(),
  counts: z.record(z.string(), count).optional().describe("orders per state (first page only)"),
});

export const RefundResponseView = z.object({
  orderId: Id,
  refundId: Id,
  decision: z.enum(["approve", "refuse"]),
  note: z.string().nullable(),
  decidedAt: Instant,
  decidedBy: z.string(),
});

export const PublishHistory = z.object({
  items: z.array(
    z.object({
      seq: z.number(),
      at: Instant,
      actor: z.object({ role: z.string(), id: z.string() }),
      from: z.string().nullable().describe("the version current before; null for the first"),
      to: z.string().describe("the version made current"),
      comment: z.string().nullable(),
      rollback: z.boolean(),
    }),
  ),
});

export const VersionDiff = z.object({
  from: z.string(),
  to: z.string(),
  hunks: z.array(
    z.object({
      lines: z.array(
        z.object({
          op: z.enum(["same", "add", "del"]),
          text: z.string(),
          oldLine: z.number().int().nullable(),
          newLine: z.number().int().nullable(),
        }),
      ),
    }),
  ),
});

export const RollbackView = z.object({
  hash: z.string(),
  from: z.string().nullable().describe("the version current before"),
});
