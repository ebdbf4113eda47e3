/**
 * The campaign as plain data, after loading and validation.
 *
 * A campaign file (YAML, see `campaigns/`) is parsed and checked by `./load.ts`; what comes out
 * is this shape: windows already converted to UTC instants (epoch milliseconds), rule values
 * resolved (a rule that says `valueFrom: categories` gets the category list), and the content
 * hash that every decision carries as the campaign's identity.
 */

/** Epoch milliseconds, UTC. Every instant inside the domain is one of these. */
export type Instant = number;

/** A closed interval of instants: both ends are inside (the source says "00:00:00 – 23:59:59"). */
export interface Window {
  start: Instant;
  /** Inclusive: the last whole second of the window, i.e. ...23:59:59.000; anything up to .999 is inside. */
  end: Instant;
  /** The wall-clock text and zone as declared in the file, for display. */
  declared: { start: string; end: string; timeZone: string };
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface Category {
  /** 1688's own name is the identifier: facts carry it as `mainCategory` / `category`. */
  id: string;
  en: string;
  /**
   * Other spellings that match too: the source's printed garbles (工作 for 办公) and its second
   * list's variants. Upstream facts may carry any of them.
   */
  aliases: readonly string[];
}

export type RuleSubject = "merchant" | "product";

/** Comparison operators a rule can use. Each is one small pure function in the eligibility engine. */
export type Operator =
  | "gte"
  | "gt"
  | "lte"
  | "lt"
  | "eq"
  | "in"
  | "atLeast" // ordinal: value at or above `value` in `order`
  | "subsetOf" // every element of the fact (an array) is in `value`; failure lists the offenders
  | "is"; // boolean equality (fails closed on non-boolean)

/** How a value is shown inside a message (the `actual` / `required` fields stay raw data). */
export type DisplayFormat = "plain" | "percent" | "yuan" | "hours";

export interface Check {
  /** Property name of the fact on the merchant or product object, e.g. `pickupRate48h`. */
  fact: string;
  op: Operator;
  /** Threshold or list, already resolved from `valueFrom` when the file used a reference. */
  value: unknown;
  /**
   * Compare with another fact of the same subject instead of `value` (numeric operators only):
   * `activityPriceFen lte lowestPrice30dFen`. `value` is then unused.
   */
  valueFact?: string;
  /**
   * For `in` / `subsetOf` on the campaign's categories: the categories' other spellings, which
   * match as their category does. `required` still names the categories by their ids.
   */
  aliases?: readonly string[];
  /** For `atLeast`: the ordered scale, lowest first. */
  order?: readonly string[];
  format: DisplayFormat;
  /** Optional message for this check alone; the rule's message is used otherwise. */
  message?: Bilingual;
}

export interface Rule {
  /** Stable rule code (docs/campaign-reading.md), e.g. `merchant.violation_points`. */
  code: string;
  /** Where in the source document the rule comes from, e.g. `七.10`. */
  clause: string;
  subject: RuleSubject;
  title: Bilingual;
  /** Every check must pass; the first failing one is reported. */
  checks: readonly Check[];
  /** Templates with `{actual}` and `{required}` placeholders. */
  message: Bilingual;
  /**
   * When the rule is judged (`enforce.continuous`): `registration` only, or `continuous` — again
   * whenever the facts of an approved registration change during the campaign, suspending the
   * listing while it fails.
   */
  recheck: "registration" | "continuous";
}

/** Bounds on a number; every bound given must hold. */
export interface Range {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
}

/**
 * One row of the claim decision table (rule `enforce.evaluation`): when every condition holds,
 * the claim is paid at a rate within bounds, held for a person, or not raised. Rows are tried in
 * order; the first that matches decides, and the claim names it.
 */
export interface ClaimRow {
  /** Named on every claim it decides (`rule` on `claim.paid` / `claim.held`). */
  id: string;
  when: {
    /** The violation's kind. */
    kind?: readonly string[];
    /** The order's amount. */
    amountFen?: Range;
    /** The merchant's violations already in force in this campaign (before the one evaluated). */
    merchantViolations?: Range;
    /** The buyer's risk level. */
    buyerRisk?: readonly string[];
  };
  outcome:
    | { action: "pay"; rateBasisPoints: number; minFen: number; maxFen: number }
    | { action: "hold"; reason: string }
    | { action: "none" };
}

/** Fulfilment and enforcement numbers (docs/campaign-reading.md, "Fulfilment and enforcement"); every one is a policy field. */
export interface Policy {
  /**
   * Milliseconds an event may arrive behind the latest seen (replay) or the server's clock
   * (serve) and still change nothing: the watermark is that much behind. 0 = a perfect stream.
   */
  lateness: number;
  instantRefund: {
    /** Refund kinds that qualify for the instant path. */
    kinds: readonly string[];
    maxAmountFen: number;
    /** Campaign orders are those paid in this window (`scope.campaign_orders`). */
    window: "activity";
  };
  shipping: {
    /** Guarantee used when the listing has none recorded. */
    defaultGuaranteeHours: number;
    /** Guarantees a `product.listed` may carry; another is refused (`guarantee_not_allowed`). */
    allowedGuaranteeHours: readonly number[];
    /** Whether merchants may file an "abnormal shipping" exception report; false = filing one exits. */
    exceptionReportAllowed: boolean;
  };
  falseShipment: { pickupWithinHours: number };
  compensation: {
    /** Basis points of the order amount: 500 = 5%. */
    rateBasisPoints: number;
    minFen: number;
    maxFen: number;
    /** Buyer risk levels whose claims go to a person instead of being paid automatically. */
    holdForBuyerRisk: readonly string[];
  };
  /**
   * The claim evaluation as a decision table, first match wins. A file without `policy.claims`
   * gets the table `compensation` implies: hold for `holdForBuyerRisk`, else pay at its rate.
   * `compensation` stays what a person pays when resolving a held claim.
   */
  claims: readonly ClaimRow[];
  traffic: {
    /** Venue weight after the 1st, 2nd, ... violation of a product. */
    weightSteps: readonly number[];
    /** The product leaves the venue at this many violations in force (0 = never). */
    delistAtViolations: number;
  };
  exit: {
    /** A merchant exits the campaign at this many violations in force (0 = never). */
    maxViolations: number;
  };
  pickupRate: { windowDays: number; pickupWithinHours: number };
  review: { slaHours: number };
  /** Appeals against violations (`enforce.appeal`): how long after one, and the decision SLA. */
  appeals: { windowDays: number; slaHours: number };
}

export interface Campaign {
  /** Short slug from the file, e.g. `spring-festival-2024`. */
  id: string;
  /** Hex sha-256 of the file's bytes: the version carried on every decision. */
  hash: string;
  name: Bilingual;
  description?: Bilingual;
  timeZone: string;
  windows: { registration: Window; activity: Window };
  categories: readonly Category[];
  /** Regions to which free shipping may be withheld; the token `overseas` means every non-`CN-` code. */
  freeShippingExclusions: readonly string[];
  benefits: readonly Bilingual[];
  rules: readonly Rule[];
  policy: Policy;
}
