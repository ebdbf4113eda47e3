/** Shapes of the claims ledger. */
import { z } from "zod";
import { Id, Instant } from "./common.js";

const Fen = z.number().int();

export const LedgerTotalsView = z.object({
  depositFen: Fen.nullable().describe("the merchant's depositFen fact; null when unknown"),
  paidCount: z.number().int(),
  paidFen: Fen.describe("every claim.paid, reversed or not"),
  reversedCount: z.number().int(),
  reversedFen: Fen,
  netPaidFen: Fen.describe("paidFen − reversedFen: what the deposit has lost to claims"),
  heldCount: z.number().int().describe("claims the evaluation held for a person, ever"),
  declinedCount: z.number().int(),
  withdrawnCount: z.number().int(),
  waitingCount: z.number().int().describe("held and not yet paid, declined or withdrawn"),
  balanceFen: Fen.nullable().describe("depositFen − netPaidFen; null when the deposit is unknown"),
});

export const LedgerLineView = z
  .object({
    seq: z.number().int().describe("the decision's place in the campaign's decisions"),
    decisionId: z.string().describe("the decision's stable id (campaign:effect key)"),
    at: Instant,
    type: z.string(),
    orderId: Id.nullable(),
    productId: Id.nullable(),
    kind: z.string().nullable(),
    amountFen: Fen.nullable(),
    depositEffectFen: Fen.describe("−amount for claim.paid, +amount for claim.reversed, else 0"),
    balanceAfterFen: Fen.nullable(),
    decision: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "LedgerLineView" });

export const MerchantLedgerView = z.object({
  merchantId: Id,
  totals: LedgerTotalsView,
  lines: z.array(LedgerLineView),
  nextCursor: z.string().nullable(),
});

export const CampaignLedgerView = z.object({
  merchants: z.array(LedgerTotalsView.extend({ merchantId: Id })),
  totals: LedgerTotalsView.omit({ depositFen: true, balanceFen: true }),
});
