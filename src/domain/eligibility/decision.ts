/**
 * What the engine answers (docs/interfaces.md, "Eligibility"). Failures are values: the caller renders,
 * stores, counts or tests them; nothing here is a string to parse.
 */
import type { Bilingual } from "../campaign/model.js";

export interface Failure {
  /** Rule code (docs/campaign-reading.md), e.g. `merchant.violation_points`. */
  rule: string;
  /** The fact as given (`null` when missing); for `subsetOf`, only the offending elements. */
  actual: unknown;
  /** Short and raw: `< 36`, `>= 0.85`, `in [enterprise, individual]`. */
  required: string;
  /** The whole list, present when `required` had to cut it short. */
  requiredValue?: readonly unknown[];
  message: Bilingual;
}

export type SubjectId = string | number | null;

export interface ProductDecision {
  productId: SubjectId;
  /** The merchant is eligible and no product rule fails. */
  eligible: boolean;
  /** Product rules only; a product of an ineligible merchant may have none and still be ineligible. */
  failures: Failure[];
}

export interface MerchantDecision {
  merchantId: SubjectId;
  eligible: boolean;
  failures: Failure[];
  /** The campaign's content hash: which version of the rules decided. */
  campaign: string;
}

/** One line of `gala check` output: a merchant with its products. */
export interface Decision {
  merchantId: SubjectId;
  eligible: boolean;
  failures: Failure[];
  products: ProductDecision[];
  campaign: string;
}

/** A product decision taken on its own (the server's per-product path) carries the campaign too. */
export interface StandaloneProductDecision extends ProductDecision {
  campaign: string;
}
