/**
 * People's acts on a campaign that are not events of its log, in the order they were taken:
 * appeals filed and decided (appeals.ts), merchants' withdrawals (the audit log) and held claims
 * paid or declined (their `resolve:` rows of the decision log). The editor's impact replays those
 * that act on the engine between the log's events (app/whatif/enforcement-impact.ts); a rehearsal
 * replays all of them through the same use cases as the API (app/rehearsal/acts.ts).
 */

import type { ViolationKind } from "../../domain/fulfilment/index.js";
import type { PersonAct } from "../../domain/whatif/index.js";
import type { Db } from "../types.js";
import { type AppealRecord, appealsActedSince } from "./appeals.js";
import { RESOLVED_END, RESOLVED_PREFIX } from "./fulfilment/resolution-keys.js";
import { ff } from "./fulfilment/tables.js";

/** An act as stored, `at` the server's clock when it was taken (epoch ms). */
export type StoredAct = { at: number; key: string; by: string } & (
  | { type: "appeal_filed"; appeal: AppealRecord }
  | { type: "appeal_decided"; appeal: AppealRecord }
  | { type: "withdrawal"; merchantId: string; reason: string }
  | {
      type: "claim_resolved";
      orderId: string;
      kind: ViolationKind;
      decision: "pay" | "decline";
      /** The payer's note, or the reason for declining. */
      text: string | null;
    }
);

/** Acts taken at `since` or later (epoch ms), by time; acts at one instant keep their source's order. */
export async function storedActs(db: Db, campaignId: string, since = 0): Promise<StoredAct[]> {
  const appeals = await appealsActedSince(db, campaignId, since);
  const withdrawals = await db
    .selectFrom("audit_log")
    .select(["seq", "subject_id", "actor_id", "reason", "at"])
    .where("campaign_id", "=", campaignId)
    .where("action", "=", "merchant.withdraw")
    .where("at", ">=", since)
    .orderBy("seq")
    .execute();
  // A range of the decision log's unique key: only the resolutions are read.
  const resolutions = await ff(db)
    .selectFrom("ff_decisions")
    .select(["effect_key", "order_id", "kind", "type", "at", "body"])
    .where("campaign_id", "=", campaignId)
    .where("effect_key", ">=", RESOLVED_PREFIX)
    .where("effect_key", "<", RESOLVED_END)
    .where("at", ">=", since)
    .orderBy("seq")
    .execute();
  const acts: StoredAct[] = [];
  for (const appeal of appeals) {
    if (appeal.filedAt >= since) {
      const key = `appeal-filed:${appeal.id}`;
      acts.push({ type: "appeal_filed", at: appeal.filedAt, key, by: appeal.filedBy, appeal });
    }
  }
  // Decisions after filings: an appeal filed and decided in one instant is filed first. A lapsed
  // appeal was no one's decision: the late fact that revoked its violation lapses it again.
  for (const appeal of appeals) {
    const decided = appeal.status === "upheld" || appeal.status === "dismissed";
    if (decided && appeal.decidedAt !== null && appeal.decidedAt >= since) {
      const key = `appeal-decided:${appeal.id}`;
      const by = appeal.decidedBy ?? "";
      acts.push({ type: "appeal_decided", at: appeal.decidedAt, key, by, appeal });
    }
  }
  for (const w of withdrawals) {
    acts.push({
      type: "withdrawal",
      at: Number(w.at),
      key: `withdrawal:${w.seq}`,
      by: w.actor_id,
      merchantId: w.subject_id,
      reason: w.reason ?? "",
    });
  }
  for (const r of resolutions) {
    const body = JSON.parse(r.body) as {
      note?: string | null;
      reason?: string;
      resolvedBy?: string;
    };
    const paid = r.type === "claim.paid";
    acts.push({
      type: "claim_resolved",
      at: Number(r.at),
      key: r.effect_key,
      by: body.resolvedBy ?? "",
      orderId: r.order_id ?? "",
      kind: r.kind as ViolationKind,
      decision: paid ? "pay" : "decline",
      text: (paid ? body.note : body.reason) ?? null,
    });
  }
  // Stable: acts at the same instant keep the order above.
  return acts.sort((x, y) => x.at - y.at);
}

export interface TimedAct {
  act: PersonAct;
  /** The server's clock when it was taken (epoch ms). */
  at: number;
}

/** The acts that act on the engine, as the editor's impact replays them. */
export async function personActs(db: Db, campaignId: string): Promise<TimedAct[]> {
  const out: TimedAct[] = [];
  for (const a of await storedActs(db, campaignId)) {
    if (a.type === "appeal_decided" && a.appeal.status === "upheld") {
      const { orderId, kind } = a.appeal;
      out.push({ act: { type: "appeal_upheld", orderId, kind: kind as ViolationKind }, at: a.at });
    } else if (a.type === "withdrawal") {
      out.push({ act: { type: "withdrawal", merchantId: a.merchantId }, at: a.at });
    } else if (a.type === "claim_resolved") {
      const { orderId, kind, decision } = a;
      out.push({ act: { type: "claim_resolved", orderId, kind, decision }, at: a.at });
    }
  }
  return out;
}
