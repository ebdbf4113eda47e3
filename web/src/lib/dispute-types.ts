/** Appeals, withdrawal and suspensions as the server's routes give them (docs/server.md). */
import type { Bilingual } from "../i18n/index.js";

export type AppealStatus = "open" | "upheld" | "dismissed" | "lapsed";

export interface Appeal {
  appealId: string;
  campaignId: string;
  merchantId: string;
  orderId: string;
  productId: string;
  kind: string;
  violationAt: string;
  windowClosesAt: string;
  reason: string;
  evidence: {
    trackingNo?: string;
    carrier?: string;
    pickedUpAt?: string;
    note?: string;
  } | null;
  status: AppealStatus;
  filedAt: string;
  dueAt: string;
  overdue: boolean;
  decidedAt: string | null;
  decision: { decision: "uphold" | "dismiss"; note: string } | null;
  /** What an upheld appeal undid. */
  decisions: Array<{ type: string; at: string }>;
}

/** A violation decision of the feed: recorded, or revoked (a late fact, an upheld appeal). */
export interface ViolationEvent {
  type: "violation.recorded" | "violation.revoked";
  at: string;
  orderId: string;
  productId: string;
  kind: string;
}

export interface SuspensionFailure {
  rule: string;
  subject: "merchant" | "product";
  title: Bilingual | null;
  message: Bilingual;
}

export interface Suspension {
  productId: string;
  title: string | null;
  suspendedAt: string;
  failures: SuspensionFailure[];
}
