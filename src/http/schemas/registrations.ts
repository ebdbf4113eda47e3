/** Registration, review and their views. */
import { z } from "zod";
import { Bilingual, Failure, Id, Instant } from "./common.js";
import { MAX_BULK } from "./facts.js";

export const RegistrationState = z.enum([
  "rejected",
  "pending_review",
  "approved",
  "rejected_at_review",
]);

export const Refusal = z.object({
  code: z.string(),
  state: z.string(),
  action: z.string(),
  message: Bilingual,
});

export const RegisterBody = z.object({
  products: z
    .array(
      z
        .object({
          productId: Id,
          replacesProductId: Id.optional().describe("a product of yours rejected at review"),
        })
        .strict(),
    )
    .min(1)
    .max(MAX_BULK),
});

export const RegisterItemResult = z.object({
  productId: z.string(),
  outcome: z
    .enum(["pending_review", "rejected", "refused"])
    .describe(
      "the state the product is now in, or `refused` (its state did not change: see refusal)",
    ),
  state: z.string().describe("where the product stands after the call"),
  registrationId: z.string().optional(),
  failures: z.array(Failure).optional().describe("when rejected: every failing rule"),
  refusal: Refusal.optional().describe("when refused: why, and the state it stays in"),
});

export const RegisterResponse = z.object({
  campaignId: z.string(),
  campaignHash: z.string(),
  merchantId: z.string(),
  registeredAt: Instant,
  reviewDueAt: Instant.describe("review SLA of the products this call sent to review"),
  merchant: z.object({
    eligible: z.boolean(),
    failures: z.array(Failure),
    snapshotHash: z.string(),
  }),
  counts: z.object({ pending_review: z.number(), rejected: z.number(), refused: z.number() }),
  results: z.array(RegisterItemResult),
});

export const RegistrationView = z
  .object({
    id: z.string(),
    campaignId: z.string(),
    campaignHash: z.string(),
    merchantId: z.string(),
    productId: z.string(),
    title: z
      .string()
      .nullable()
      .optional()
      .describe("the product's title from its current facts (null when unknown)"),
    category: z.string().nullable(),
    state: z.string(),
    registeredAt: Instant,
    reviewDueAt: Instant.nullable(),
    dueStatus: z.enum(["overdue", "due_soon", "on_track"]).nullable(),
    reviewedAt: Instant.nullable(),
    reviewedBy: z.string().nullable(),
    reviewReason: z.string().nullable(),
    replacesProductId: z.string().nullable(),
    attempts: z.number(),
    failures: z.array(Failure).describe("every failing rule, the merchant's first"),
    snapshots: z.object({ merchant: z.string(), product: z.string() }),
  })
  .meta({ id: "RegistrationView" });

export const RegistrationPage = z.object({
  now: Instant,
  items: z.array(RegistrationView),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional().describe("every match of the filters (first page only)"),
});

export const MerchantRegistrationsQuery = z.object({
  state: RegistrationState.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1000).optional(),
});

export const QueueQuery = z.object({
  due: z.enum(["overdue", "due_soon"]).optional(),
  category: z.string().max(100).optional(),
  merchantId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1000).optional(),
});

export const ReviewDecision = z.enum(["approve", "reject"]);

export const ReviewBody = z
  .object({ decision: ReviewDecision, reason: z.string().trim().min(1).max(2000).optional() })
  .strict();

export const BulkReviewBody = z.object({
  decisions: z
    .array(
      z
        .object({
          registrationId: Id,
          decision: ReviewDecision,
          reason: z.string().trim().min(1).max(2000).optional(),
        })
        .strict(),
    )
    .min(1)
    .max(MAX_BULK),
});

export const ReviewItemResult = z.object({
  registrationId: z.string(),
  outcome: z.enum(["approved", "rejected_at_review", "refused"]),
  state: z.string(),
  refusal: Refusal.optional(),
});

export const ReviewResponse = z.object({
  reviewedAt: Instant,
  counts: z.object({ approved: z.number(), rejected_at_review: z.number(), refused: z.number() }),
  results: z.array(ReviewItemResult),
});

export const AuditEntryView = z
  .object({
    seq: z.number(),
    at: Instant,
    actor: z.object({ role: z.string(), id: z.string() }),
    action: z.string(),
    campaignId: z.string().nullable(),
    subject: z.object({ type: z.string(), id: z.string() }),
    fromState: z.string().nullable(),
    toState: z.string().nullable(),
    reason: z.string().nullable(),
    detail: z.unknown().optional(),
  })
  .meta({ id: "AuditEntryView" });

export const AuditPage = z.object({
  items: z.array(AuditEntryView),
  nextCursor: z.string().nullable(),
});
