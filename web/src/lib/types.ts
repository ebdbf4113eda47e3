/** Shapes the console reads from `/api/v1`. They mirror the server's zod schemas. */
import type { Bilingual } from "../i18n/index.js";

export interface Failure {
  rule: string;
  actual: unknown;
  required: unknown;
  message: Bilingual;
}

export interface WindowView {
  start: string;
  end: string;
}

export interface RuleView {
  code: string;
  clause: string;
  subject: "merchant" | "product";
  title: Bilingual;
}

export interface CampaignView {
  id: string;
  hash: string;
  name: Bilingual;
  description?: Bilingual | null;
  timeZone: string;
  reviewSlaHours: number;
  /** Appeals against violations: the window after one, the decision's SLA. */
  appeals?: { windowDays: number; slaHours: number };
  now: string;
  registrationOpen: boolean;
  running: boolean;
  windows: { registration: WindowView; activity: WindowView };
  categories: { id: string; en: string; aliases?: string[] }[];
  benefits: Bilingual[];
  rules: RuleView[];
}

export interface StandingRule extends StandingRuleText {
  code: string;
  clause: string;
  title: Bilingual;
  pass: boolean;
  actual: unknown;
  required: unknown;
  message: Bilingual | null;
}

export interface Standing {
  merchantId: string;
  name: string | null;
  eligible: boolean;
  factsKnown: boolean;
  exited: { at: string; reason: string | null } | null;
  rules: StandingRule[];
}

/** `rejected`: failed the rules at registration; `rejected_at_review`: an operator said no. */
export type RegistrationState =
  | "pending_review"
  | "approved"
  | "rejected"
  | "rejected_at_review"
  | string;

export interface Registration {
  id: string;
  merchantId: string;
  productId: string;
  title?: string | null;
  category: string | null;
  state: RegistrationState;
  failures: Failure[];
  registeredAt: string;
  reviewDueAt: string | null;
  reviewedAt: string | null;
  reviewReason: string | null;
  /** The product rejected at review that this registration replaces (`review.resubmit`). */
  replacesProductId: string | null;
  attempts: number;
}

export interface CatalogueProduct {
  id: string;
  title: string;
  category: string | null;
  priceFen: number | null;
  registration: { state: RegistrationState } | null;
}

export interface RegisterResult {
  productId: string;
  outcome: "pending_review" | "rejected" | "refused";
  state: RegistrationState;
  reviewDueAt?: string;
  failures?: Failure[];
  refusal?: { code: string; message: Bilingual };
}

export interface RegisterResponse {
  merchant: { eligible: boolean; failures: Failure[] };
  counts: { pending_review: number; rejected: number; refused: number };
  results: RegisterResult[];
}

export interface VenueItem {
  productId: string;
  merchantId: string;
  title: string;
  category: string | null;
  priceFen: number | null;
  weight: number;
}

export interface AuditRow {
  seq: number;
  at: string;
  actor: { role: string; id: string };
  action: string;
  subject: { type: string; id: string };
  fromState: string | null;
  toState: string | null;
  reason: string | null;
  /** What the entry is about beyond its subject, e.g. the registration's product. */
  detail?: { productId?: string; orderId?: string; [key: string]: unknown };
}

export interface StandingRuleText {
  actualText: Bilingual;
  requiredText: Bilingual;
}

/** One order as `GET …/merchants/:m/orders` gives it; open obligations carry their due instant. */
export interface OrderView {
  orderId: string;
  merchantId: string;
  productId: string;
  title?: string | null;
  amountFen: number;
  buyerId: string;
  buyerRisk: string;
  paidAt: string;
  /** Ship online by; null once shipped, missed (a violation) or refunded. */
  shipDueAt: string | null;
  shippedAt: string | null;
  pickupDueAt: string | null;
  pickedUpAt: string | null;
  deliveredAt: string | null;
  refundedAt: string | null;
  refundIds: string[];
  violations: string[];
}

/** Decisions as `GET …/merchants/:m/decisions?group=…` gives them (contracts.md, "Decisions"). */
export interface ViolationDecision {
  /** Recorded, or revoked later (a fact that came late, an upheld appeal). */
  type: "violation.recorded" | "violation.revoked";
  at: string;
  orderId: string;
  merchantId: string;
  productId: string;
  kind: string;
  /** Why it was revoked (`late_event`, `appeal_upheld`). */
  reason?: string;
}

export type ClaimDecision =
  | {
      type: "claim.paid";
      at: string;
      orderId: string;
      buyerId: string;
      amountFen: number;
      kind: string;
      /** Set when an operator paid a claim the evaluation had held. */
      resolvedFrom?: "claim.held";
    }
  | {
      type: "claim.held";
      at: string;
      orderId: string;
      buyerId: string;
      reason: string;
      kind: string;
    }
  | {
      type: "claim.declined";
      at: string;
      orderId: string;
      buyerId: string;
      reason: string;
      kind: string;
      resolvedFrom: "claim.held";
    }
  /** Undone with its violation: a paid claim reversed, a held one withdrawn. */
  | {
      type: "claim.reversed";
      at: string;
      orderId: string;
      buyerId: string;
      amountFen: number;
      kind: string;
    }
  | { type: "claim.withdrawn"; at: string; orderId: string; buyerId: string; kind: string };

/** A claim held for a person, in the operators' queue (`GET …/claims/held`). */
export interface HeldClaimRow {
  orderId: string;
  kind: string;
  merchantId: string | null;
  productId: string | null;
  buyerId: string;
  reason: string;
  heldAt: string;
  orderAmountFen: number;
  payableFen: number;
  resolution: ClaimDecision | null;
}

export type RefundDecision =
  | {
      type: "refund.approved";
      at: string;
      orderId: string;
      refundId: string;
      amountFen: number;
      instant: true;
    }
  | {
      type: "refund.awaiting_merchant";
      at: string;
      orderId: string;
      refundId: string;
      reason: string;
    };

/** `GET …/merchants/:m/weights`: the merchant's standing and each listing's weight. */
export interface MerchantWeights {
  merchantId: string;
  violations: number;
  status: "active" | "exited";
  exitedAt: string | null;
  exitReason: string | null;
  listings: {
    productId: string;
    title?: string | null;
    weight: number;
    violations: number;
    inVenue: boolean;
    listedAt: string;
    delistedAt: string | null;
    delistReason: string | null;
  }[];
}

export interface PickupRateNow {
  snapshot: number | null;
  computed: number | null;
  used: number | null;
  source: "snapshot" | "computed" | "none";
  required: number;
  pickedUpInTime: number;
  windowStart: string;
  windowEnd: string;
}

export interface PickupRateDaily {
  threshold: number | null;
  points: {
    day: string;
    asOf: string;
    rate: number | null;
    required: number;
    pickedUpInTime: number;
  }[];
}

export interface Dashboard {
  funnel: {
    submitted: number;
    ineligible: number;
    pendingReview: number;
    approved: number;
    rejected: number;
    listed: number;
  };
  approvalsByDay: { day: string; approved: number; rejected: number }[];
  ordersByDay: { day: string; orders: number; shippedOnTime: number; shippedLate: number }[];
  violationsByKind: { kind: string; count: number }[];
  claimsPaid: { count: number; amountFen: number };
  claimsHeld?: number;
  /** Held claims no one has resolved yet. */
  claimsWaiting?: number;
  instantRefunds: { count: number; amountFen: number };
  delistedProducts: number;
  exitedMerchants: number;
  reviewSla: { pending: number; dueSoon: number; overdue: number };
}

export interface CampaignProblem {
  line?: number;
  path: string;
  message: string;
  fix: string;
}

export interface ValidateResult {
  ok: boolean;
  problems: CampaignProblem[];
  hash?: string;
  id?: string;
}

export interface ChangeView {
  count: number;
  through: Record<string, number>;
}

export interface CompareResult {
  ok: boolean;
  problems: CampaignProblem[];
  base: string;
  other: string;
  merchants: { total: number; becameEligible: ChangeView; becameIneligible: ChangeView };
  products: { total: number; becameEligible: ChangeView; becameIneligible: ChangeView };
  /** Who changes (the first `listedAtMost` of each), with the rules why. */
  changes?: {
    merchants: { id: string; name: string | null; becomes: string; rules: string[] }[];
    products: {
      productId: string;
      merchantId: string;
      title: string | null;
      becomes: string;
      rules: string[];
    }[];
    listedAtMost: number;
  };
}

/** `GET …/history`: one publish of the campaign. */
export interface PublishEntry {
  seq: number;
  at: string;
  actor: { role: string; id: string };
  from: string | null;
  to: string;
  comment: string | null;
  rollback: boolean;
}

export interface DiffLine {
  op: "same" | "add" | "del";
  text: string;
  oldLine: number | null;
  newLine: number | null;
}

/** A rule's result for one subject, as the review drawer and the standing table show it. */
export type RuleResult = StandingRule;

/** `GET …/registrations/:r/detail`: everything an operator needs to decide a review. */
export interface RegistrationDetail {
  registration: Registration & { dueStatus: string | null };
  product: Record<string, unknown> | null;
  merchant: {
    id: string;
    name: string | null;
    factsKnown: boolean;
    eligible: boolean;
    exited: { at: string; reason: string | null } | null;
    violations: number;
    registrations: Record<string, number>;
  };
  rules: { merchant: RuleResult[]; product: RuleResult[] };
  history: AuditRow[];
}

/** `GET …/merchants`: one merchant of the campaign as the operator's list shows it. */
export interface MerchantListRow {
  id: string;
  name: string | null;
  mainCategory: string | null;
  eligible: boolean;
  failing: string[];
  exited: { at: string; reason: string | null } | null;
  registrations: Record<string, number>;
  orders: number;
  violations: number;
  delisted: number;
  suspended: number;
}

export type OrderState =
  | "all"
  | "to_ship"
  | "late_unshipped"
  | "in_transit"
  | "delivered"
  | "refunded"
  | "refund_pending"
  | "violations"
  | "claimed";

/** `GET …/orders/triage`: an order with its refunds awaiting the merchant and their answers. */
export interface TriageOrder extends Omit<OrderView, "refundIds"> {
  awaiting: {
    refundId: string;
    requestedAt: string;
    reason: string | null;
    response: { decision: "approve" | "refuse"; note: string | null; at: string } | null;
  }[];
}

export interface TriagePage {
  items: TriageOrder[];
  nextCursor: string | null;
  /** Orders per state under the same search: on the first page. */
  counts?: Record<OrderState, number>;
}
