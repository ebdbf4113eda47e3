/**
 * `metric.pickup_rate_48h` (docs/campaign-reading.md, 六.3) from our own orders: the share of a
 * merchant's shipped-required orders the carrier picked up within 48 h of payment, over a rolling
 * 30 days (both numbers from the campaign's policy). The window ends 48 h before now, so every
 * order counted has had its full 48 h: a parcel still inside its time is neither a hit nor a miss.
 * Orders refunded before any carrier scan owed no shipment and are left out. No order in the
 * window: `null` (unknown), and eligibility then fails closed as for any missing fact.
 */
import type { Campaign } from "../../domain/campaign/model.js";
import { getMerchantFacts } from "../../store/repos/facts.js";
import { pickupCounts } from "../../store/repos/fulfilment/reads.js";
import type { Db } from "../../store/types.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface PickupRate {
  merchantId: string;
  /** Computed from the stored orders; `null` with no order in the window. */
  computed: number | null;
  required: number;
  pickedUpInTime: number;
  windowStart: number;
  windowEnd: number;
}

export async function computePickupRate(
  db: Db,
  campaign: Campaign,
  merchantId: string,
  now: number,
): Promise<PickupRate> {
  const { windowDays, pickupWithinHours } = campaign.policy.pickupRate;
  const windowEnd = now - pickupWithinHours * HOUR;
  const windowStart = now - windowDays * DAY;
  const within = pickupWithinHours * HOUR;
  const c = await pickupCounts(db, merchantId, windowStart, windowEnd, within, now);
  return {
    merchantId,
    computed: c.required === 0 ? null : c.pickedUpInTime / c.required,
    required: c.required,
    pickedUpInTime: c.pickedUpInTime,
    windowStart,
    windowEnd,
  };
}

/** The platform's snapshot value and ours side by side, and which one eligibility uses. */
export interface PickupRateView extends PickupRate {
  snapshot: number | null;
  used: number | null;
  source: "snapshot" | "computed" | "none";
}

export async function pickupRateView(
  db: Db,
  campaign: Campaign,
  merchantId: string,
  now: number,
): Promise<PickupRateView> {
  const rate = await computePickupRate(db, campaign, merchantId, now);
  const facts = await getMerchantFacts(db, merchantId);
  const value = facts ? (JSON.parse(facts.body) as Record<string, unknown>).pickupRate48h : null;
  const snapshot = typeof value === "number" ? value : null;
  const used = snapshot ?? rate.computed;
  const source = snapshot !== null ? "snapshot" : rate.computed !== null ? "computed" : "none";
  return { ...rate, snapshot, used, source };
}

/**
 * Merchant facts for eligibility: the platform's `pickupRate48h` when it sent one, else ours.
 * The platform's value wins because it sees orders from every channel, we see one.
 */
export async function withPickupRate(
  db: Db,
  campaign: Campaign,
  facts: Record<string, unknown>,
  now: number,
): Promise<Record<string, unknown>> {
  if (typeof facts.pickupRate48h === "number" || typeof facts.id !== "string") return facts;
  const { computed } = await computePickupRate(db, campaign, facts.id, now);
  return computed === null ? facts : { ...facts, pickupRate48h: computed };
}
