/**
 * The registration/review state machine (docs/campaign-reading.md, "Registration and review") as one explicit table.
 *
 * A product is judged the moment it is registered, so "registered" is never a resting state:
 * registering moves a product straight to `rejected` (some rule fails, with every reason) or to
 * `pending_review`. A merchant may register a `rejected` product again after fixing its facts
 * (`registration.reasons`). A product rejected at review is final for that product: the merchant
 * replaces it with other products (`review.resubmit`).
 */
import type { Bilingual } from "../campaign/model.js";

export type RegistrationState = "rejected" | "pending_review" | "approved" | "rejected_at_review";

export const REGISTRATION_STATES: readonly RegistrationState[] = [
  "rejected",
  "pending_review",
  "approved",
  "rejected_at_review",
];

/** `register_pass` / `register_fail`: a registration whose judgement passed or failed. */
export type RegistrationAction = "register_pass" | "register_fail" | "approve" | "reject";

/** `none` is a product not registered in the campaign yet. */
export type FromState = RegistrationState | "none";

const TABLE: Readonly<Record<RegistrationAction, Partial<Record<FromState, RegistrationState>>>> = {
  register_pass: { none: "pending_review", rejected: "pending_review" },
  register_fail: { none: "rejected", rejected: "rejected" },
  approve: { pending_review: "approved" },
  reject: { pending_review: "rejected_at_review" },
};

export type RefusalCode =
  | "already_pending_review"
  | "already_approved"
  | "rejected_at_review_replace_it"
  | "not_registered"
  | "not_pending_review"
  | "merchant_exited";

export interface Refusal {
  code: RefusalCode;
  state: FromState;
  action: RegistrationAction;
  message: Bilingual;
}

export type Transition =
  | { ok: true; from: FromState; to: RegistrationState }
  | { ok: false; refusal: Refusal };

export function transition(from: FromState, action: RegistrationAction): Transition {
  const to = TABLE[action][from];
  if (to !== undefined) return { ok: true, from, to };
  const code = refusalCode(from, action);
  return { ok: false, refusal: { code, state: from, action, message: MESSAGES[code] } };
}

function refusalCode(from: FromState, action: RegistrationAction): RefusalCode {
  if (action === "register_pass" || action === "register_fail") {
    if (from === "pending_review") return "already_pending_review";
    if (from === "approved") return "already_approved";
    return "rejected_at_review_replace_it";
  }
  return from === "none" ? "not_registered" : "not_pending_review";
}

const MESSAGES: Readonly<Record<RefusalCode, Bilingual>> = {
  already_pending_review: {
    zh: "该商品已报名，正在审核中，无需重复报名",
    en: "this product is already registered and waiting for review",
  },
  already_approved: {
    zh: "该商品已审核通过，无需重复报名",
    en: "this product is already approved",
  },
  rejected_at_review_replace_it: {
    zh: "该商品审核未通过，请更换其他合适的商品报名",
    en: "this product was rejected at review; register other suitable products instead",
  },
  not_registered: {
    zh: "该商品未报名本活动",
    en: "this product is not registered in the campaign",
  },
  not_pending_review: {
    zh: "该报名不在待审核状态，无法审核",
    en: "this registration is not waiting for review",
  },
  merchant_exited: {
    zh: "商家已退出本次活动，其商品不能再报名或通过审核进入会场",
    en: "the merchant has left this campaign: its products can no longer be registered or approved into the venue",
  },
};

/**
 * A merchant that left the campaign (`merchant.exited`: an exception report, or too many
 * violations) brings no more products in: registering is refused, and so is approving what it
 * registered before it left. Rejecting still closes such a registration.
 */
export function merchantExitedRefusal(from: FromState, action: RegistrationAction): Refusal {
  return { code: "merchant_exited", state: from, action, message: MESSAGES.merchant_exited };
}
