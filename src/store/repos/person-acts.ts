/**
 * People's acts on a campaign's engine that are not events of its log, in the order they were
 * taken: appeals upheld (appeals.ts), merchants' withdrawals (the audit log) and held claims paid
 * or declined (their `resolve:` rows of the decision log). The editor's impact replays them
 * between the log's events (app/whatif/enforcement-impact.ts).
 */

import type { ViolationKind } from "../../domain/fulfilment/index.js";
import type { PersonAct } from "../../domain/whatif/index.js";
import type { Db } from "../types.js";
import { RESOLVED_END, RESOLVED_PREFIX } from "./fulfilment/resolution-keys.js";
import { ff } from "./fulfilment/tables.js";

export interface TimedAct {
  act: PersonAct;
  /** The server's clock when it was taken (epoch ms). */
  at: number;
}

export async function personActs(db: Db, campaignId: string): Promise<TimedAct[]> {
  const upheld = await db
    .selectFrom("appeals")
    .select(["order_id", "kind", "decided_at"])
    .where("campaign_id", "=", campaignId)
    .where("status", "=", "upheld")
    .orderBy("decided_at")
    .orderBy("id")
    .execute();
  const withdrawals = await db
    .selectFrom("audit_log")
    .select(["subject_id", "at"])
    .where("campaign_id", "=", campaignId)
    .where("action", "=", "merchant.withdraw")
    .orderBy("seq")
    .execute();
  // A range of the decision log's unique key: only the resolutions are read.
  const resolutions = await ff(db)
    .selectFrom("ff_decisions")
    .select(["order_id", "kind", "type", "at"])
    .where("campaign_id", "=", campaignId)
    .where("effect_key", ">=", RESOLVED_PREFIX)
    .where("effect_key", "<", RESOLVED_END)
    .orderBy("seq")
    .execute();
  const acts: TimedAct[] = [
    ...upheld.map((r) => ({
      act: { type: "appeal_upheld", orderId: r.order_id, kind: r.kind as ViolationKind } as const,
      at: Number(r.decided_at),
    })),
    ...withdrawals.map((r) => ({
      act: { type: "withdrawal", merchantId: r.subject_id } as const,
      at: Number(r.at),
    })),
    ...resolutions.map((r) => ({
      act: {
        type: "claim_resolved",
        orderId: r.order_id!,
        kind: r.kind as ViolationKind,
        decision: r.type === "claim.paid" ? "pay" : "decline",
      } as const,
      at: Number(r.at),
    })),
  ];
  // Stable: acts at the same instant keep the order read (each source in its own order).
  return acts.sort((x, y) => x.at - y.at);
}
