/**
 * Shapes the console reads from `/api/v1`. Where the server's OpenAPI document describes an
 * answer, the type is an alias into `api.generated.ts` (generated from the document by
 * `npm run api-types`), so the console cannot drift from the server. What the document leaves
 * open (the decisions inside a page, typed there as records) is spelled out here.
 */
import type { components, operations } from "./api.generated.js";

type Schemas = components["schemas"];

/** The JSON body of an operation's answer (by its operationId) with the given status. */
export type Answer<Op extends keyof operations, Status extends number = 200> =
  operations[Op]["responses"] extends Record<
    Status,
    { content: { "application/json": infer Body } }
  >
    ? Body
    : never;

export type Failure = Schemas["Failure"];

export type WindowView = CampaignView["windows"]["registration"];

export type RuleView = CampaignOverview["rules"][number];

/** `GET /campaigns/{c}/overview`: the campaign's description, benefits and rules in words. */
export type CampaignOverview = Answer<"getCampaignsByCampaignIdOverview">;

/** A campaign as the integration API gives it (windows, categories, the moment). */
export type ApiCampaign = Schemas["CampaignView"];

/** The console's campaign: the API's view with its overview merged in (app/campaign.tsx). */
export type CampaignView = ApiCampaign & CampaignOverview;

export type StandingRule = Standing["rules"][number];

export type Standing = Answer<"getCampaignsByCampaignIdMerchantsByMerchantIdStanding">;

/** `rejected`: failed the rules at registration; `rejected_at_review`: an operator said no. */
export type RegistrationState =
  | "pending_review"
  | "approved"
  | "rejected"
  | "rejected_at_review"
  | string;

export type Registration = Schemas["RegistrationView"];

export type CatalogueProduct =
  Answer<"getCampaignsByCampaignIdMerchantsByMerchantIdCatalogue">["items"][number];

export type RegisterResult = RegisterResponse["results"][number];

export type RegisterResponse =
  Answer<"postCampaignsByCampaignIdMerchantsByMerchantIdRegistrations">;

export type VenueItem = Answer<"getCampaignsByCampaignIdVenueBrowse">["items"][number];

/** The document leaves `detail` open (any JSON); the console reads these keys of it. */
export type AuditRow = Omit<Schemas["AuditEntryView"], "detail"> & {
  /** What the entry is about beyond its subject, e.g. the registration's product. */
  detail?: { productId?: string; orderId?: string; [key: string]: unknown };
};

export type StandingRuleText = Pick<StandingRule, "actualText" | "requiredText">;

/** One order as `GET …/merchants/:m/orders` gives it; open obligations carry their due instant. */
export type OrderView = Schemas["OrderView"];

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
export type HeldClaimRow = Omit<Schemas["HeldClaimView"], "resolution"> & {
  /** The document leaves it a record: the claim.paid or claim.declined decision. */
  resolution: ClaimDecision | null;
};

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
export type MerchantWeights = Answer<"getCampaignsByCampaignIdMerchantsByMerchantIdWeights">;

export type PickupRateNow = Answer<"getCampaignsByCampaignIdMerchantsByMerchantIdPickupRate">;

export type PickupRateDaily =
  Answer<"getCampaignsByCampaignIdMerchantsByMerchantIdPickupRateDaily">;

export type Dashboard = Answer<"getCampaignsByCampaignIdDashboard">;

export type CampaignProblem = ValidateResult["problems"][number];

export type ValidateResult = Answer<"postCampaignsValidate">;

export type ChangeView = CompareImpact["merchants"]["becameEligible"];

/** `POST /campaigns/{c}/compare`: the problems of text that does not parse, or its impact. */
export type CompareResult = Answer<"postCampaignsByCampaignIdCompare">;

/** The impact of text that parses. */
export type CompareImpact = Extract<CompareResult, { ok: true }>;

/** `GET …/history`: one publish of the campaign. */
export type PublishEntry = Answer<"getCampaignsByCampaignIdHistory">["items"][number];

export type DiffLine = Answer<"getCampaignsByCampaignIdDiff">["hunks"][number]["lines"][number];

/** A rule's result for one subject, as the review drawer and the standing table show it. */
export type RuleResult = StandingRule;

/** `GET …/registrations/:r/detail`: everything an operator needs to decide a review. */
export type RegistrationDetail =
  Answer<"getCampaignsByCampaignIdRegistrationsByRegistrationIdDetail">;

/** `GET …/merchants`: one merchant of the campaign as the operator's list shows it. */
export type MerchantListRow = Answer<"getCampaignsByCampaignIdMerchants">["items"][number];

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
export type TriageOrder = TriagePage["items"][number];

export type TriagePage = Answer<"getCampaignsByCampaignIdOrdersTriage">;
