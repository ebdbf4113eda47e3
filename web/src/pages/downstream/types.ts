/** What the inbox, ledger and export routes answer (src/http/schemas/{inbox,ledger,exports}.ts). */
import type { Bilingual } from "../../i18n/index.js";

export interface Notification {
  id: string;
  type: string;
  at: string;
  notifiedAt: string;
  read: boolean;
  title: Bilingual;
  detail: Bilingual | null;
  subject: { type: "order" | "product" | "registration" | "merchant"; id: string };
  href: string;
  decisionId: string | null;
}

export interface InboxPage {
  items: Notification[];
  unread: number;
  nextCursor: string | null;
}

export interface LedgerTotals {
  depositFen: number | null;
  paidCount: number;
  paidFen: number;
  reversedCount: number;
  reversedFen: number;
  netPaidFen: number;
  heldCount: number;
  declinedCount: number;
  withdrawnCount: number;
  waitingCount: number;
  balanceFen: number | null;
}

export interface LedgerLine {
  seq: number;
  decisionId: string;
  at: string;
  type: string;
  orderId: string | null;
  kind: string | null;
  amountFen: number | null;
  depositEffectFen: number;
  balanceAfterFen: number | null;
}

export interface MerchantLedger {
  merchantId: string;
  totals: LedgerTotals;
  lines: LedgerLine[];
  nextCursor: string | null;
}

export interface CampaignLedger {
  merchants: Array<LedgerTotals & { merchantId: string }>;
  totals: Omit<LedgerTotals, "depositFen" | "balanceFen">;
}

export interface ExportList {
  items: Array<{ name: string; label: Bilingual; path: string }>;
}
