/**
 * The claims ledger: per merchant, what claims took from its deposit and gave back, and the
 * balance that leaves; each line one claim decision, named by its stable id, with the balance
 * after it. Operators also get the campaign's ledger: one row per merchant with claims.
 */
import {
  CLAIM_LINE_TYPES,
  depositEffectFen,
  depositOf,
  type LedgerTotals,
  ledgerTotals,
  runningBalances,
} from "../../domain/ledger/ledger.js";
import { decisionsExportPage } from "../../store/repos/downstream/export-pages.js";
import {
  claimCounts,
  depositEffectThrough,
  waitingClaims,
} from "../../store/repos/downstream/ledger.js";
import { getMerchantFacts } from "../../store/repos/facts.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { decisionId } from "../decision-id.js";
import { fail, ok, type Result } from "../result.js";

export interface LedgerLine {
  seq: number;
  decisionId: string;
  at: number;
  type: string;
  orderId: string | null;
  productId: string | null;
  kind: string | null;
  amountFen: number | null;
  depositEffectFen: number;
  balanceAfterFen: number | null;
  /** The decision as the API shows it. */
  decision: Record<string, unknown>;
}

export interface MerchantLedger {
  loaded: LoadedCampaign;
  merchantId: string;
  totals: LedgerTotals;
  lines: LedgerLine[];
  nextCursor: string | null;
}

const isSeq = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;

async function depositFen(db: Db, merchantId: string): Promise<number | null> {
  const row = await getMerchantFacts(db, merchantId);
  return row ? depositOf(JSON.parse(row.body)) : null;
}

export async function readMerchantLedger(
  ctx: AppContext,
  campaignId: string,
  merchantId: string,
  query: { cursor?: string; limit: number },
): Promise<Result<MerchantLedger>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor, isSeq);
  if (after === undefined) return badCursor();
  const db = ctx.store.db;
  const deposit = await depositFen(db, merchantId);
  const counts = await claimCounts(db, campaignId, merchantId);
  const waiting = (await waitingClaims(db, campaignId, merchantId)).get(merchantId) ?? 0;
  const totals = ledgerTotals(counts, waiting, deposit);
  const rows = await decisionsExportPage(
    db,
    { campaignId, merchantId },
    CLAIM_LINE_TYPES,
    after,
    query.limit,
  );
  const opening =
    deposit === null
      ? null
      : deposit + (await depositEffectThrough(db, campaignId, merchantId, after));
  const lines = rows.map((r) => ({
    seq: Number(r.seq),
    decisionId: decisionId(campaignId, r.effect_key),
    at: Number(r.at),
    type: r.type,
    orderId: r.order_id,
    productId: r.product_id,
    kind: r.kind,
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    depositEffectFen: depositEffectFen(r.type, r.amount_fen === null ? null : Number(r.amount_fen)),
    decision: JSON.parse(r.body) as Record<string, unknown>,
  }));
  const balances = runningBalances(opening, lines);
  const last = rows[rows.length - 1];
  return ok({
    loaded,
    merchantId,
    totals,
    lines: lines.map((l, i) => ({ ...l, balanceAfterFen: balances[i] ?? null })),
    nextCursor: rows.length === query.limit && last ? encodeCursor(Number(last.seq)) : null,
  });
}

export interface CampaignLedgerRow extends LedgerTotals {
  merchantId: string;
}

/** One row per merchant with any claim decision in the campaign, by merchant id. */
export async function readCampaignLedger(
  ctx: AppContext,
  campaignId: string,
): Promise<Result<{ loaded: LoadedCampaign; merchants: CampaignLedgerRow[] }>> {
  const loaded = await ctx.campaigns.current(campaignId);
  if (!loaded) return fail("not_found", "campaign_not_found", `no campaign ${campaignId}`);
  const db = ctx.store.db;
  const counts = await claimCounts(db, campaignId);
  const waiting = await waitingClaims(db, campaignId);
  const ids = [...new Set(counts.map((c) => c.merchantId))].sort();
  const merchants: CampaignLedgerRow[] = [];
  for (const merchantId of ids) {
    const mine = counts.filter((c) => c.merchantId === merchantId);
    const totals = ledgerTotals(
      mine,
      waiting.get(merchantId) ?? 0,
      await depositFen(db, merchantId),
    );
    merchants.push({ merchantId, ...totals });
  }
  return ok({ loaded, merchants });
}
