/**
 * The merchant and product facts that docs/interfaces.md ("Facts") names, with what a valid value of each is.
 * One table, two readers: the eligibility engine (a rule whose fact breaks it fails closed,
 * saying the value is invalid) and the HTTP schemas (`PUT /facts/*` answers 400 naming the
 * field). So `gala check` and the server never disagree on what `pickupRate48h: 1.5` is.
 *
 * Every fact may also be absent or `null`: unknown, so a rule that reads it fails closed with
 * "no data". A fact with `nullMeans` is the exception: there `null` is a value of its own
 * (`shippingGuaranteeHours: null` is a product not enrolled in any guarantee).
 */
import type { Bilingual } from "../campaign/model.js";

export type FactType =
  | { kind: "number"; min?: number; max?: number; integer?: boolean }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly (string | number)[] }
  | { kind: "text"; maxLength: number }
  /** A list of region codes (ISO 3166-2; `overseas` or any non-`CN-` code is overseas). */
  | { kind: "regions"; maxItems: number };

export interface FactField {
  /** The shapes a value may take: valid when it fits any one of them. */
  types: readonly FactType[];
  /** When `null` is a value of its own: how it reads in a message. */
  nullMeans?: Bilingual;
  /** How the valid values are described, when the generated words would say it worse. */
  expects?: Bilingual;
}

export type FactSubject = "merchant" | "product";

const num = (min?: number, max?: number): FactType => ({
  kind: "number",
  ...(min === undefined ? {} : { min }),
  ...(max === undefined ? {} : { max }),
});
const int = (min: number): FactType => ({ kind: "number", min, integer: true });
const bool: FactType = { kind: "boolean" };
const oneOf = (...values: (string | number)[]): FactType => ({ kind: "enum", values });
const text = (maxLength: number): FactType => ({ kind: "text", maxLength });
const field = (...types: FactType[]): FactField => ({ types });

/** Fen amounts: whole, never negative. */
const fen = field(int(0));

export const MERCHANT_FACTS: Readonly<Record<string, FactField>> = {
  name: field(text(200)),
  pickupRate48h: field(num(0, 1)),
  lighthouseScore: field(num()),
  mainCategory: field(text(100)),
  tradeMedal: field(oneOf("none", "A", "AA", "AAA", "AAAA", "AAAAA")),
  chengxintong: field(bool),
  alipayVerified: field(bool),
  buyerProtection: field(bool),
  depositFen: fen,
  certification: field(oneOf("enterprise", "individual", "none")),
  // Upstream systems send a flag or a count; false and 0 both mean "none".
  seriousFakeTransactions90d: field(bool, int(0)),
  violationPoints: field(num(0)),
  seriousIpInfringement: field(bool),
  competitivenessOk: field(bool),
  prohibitedInfoPoints: field(num(0)),
  businessComplianceViolation: field(bool),
  // A flag or the penalty points; false and 0 both mean "none".
  infringingListingPenalty: field(bool, num(0)),
  courtDishonest: field(bool),
  financeSeriousOverdue: field(bool),
  holidayShipping: field(bool),
};

export const PRODUCT_FACTS: Readonly<Record<string, FactField>> = {
  title: field(text(500)),
  category: field(text(100)),
  priceFen: fen,
  /** The price the product sells at in the campaign (§3b). */
  activityPriceFen: fen,
  /** Its lowest transaction price over the last 30 days (近30天最低成交价, 十一.2). */
  lowestPrice30dFen: fen,
  /** The same over 180 days, for a campaign that asks for it. */
  lowestPrice180dFen: fen,
  alipayEscrow: field(bool),
  dropship: field(bool),
  nonFreeShippingRegions: field({ kind: "regions", maxItems: 300 }),
  shippingGuaranteeHours: {
    types: [oneOf(24, 48)],
    nullMeans: { zh: "未报名", en: "not enrolled" },
    expects: { zh: "24 或 48（小时）", en: "24 or 48 (hours)" },
  },
  sevenDayReturn: field(bool),
  douyinEwaybill: field(bool),
};

export const FACTS: Readonly<Record<FactSubject, Readonly<Record<string, FactField>>>> = {
  merchant: MERCHANT_FACTS,
  product: PRODUCT_FACTS,
};

/** The field a rule of this subject reads, or undefined for a fact the contract does not name. */
export function factField(subject: FactSubject, fact: string): FactField | undefined {
  const table = FACTS[subject];
  return Object.hasOwn(table, fact) ? table[fact] : undefined;
}

/** Longest region code accepted (`CN-XJ`, `overseas`, `JP-13`). */
export const REGION_MAX_CHARS = 16;
