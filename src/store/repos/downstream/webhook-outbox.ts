/**
 * The webhook outbox: per endpoint and campaign, a cursor over `ff_decisions.seq` (the last
 * decision the endpoint acknowledged) and the state of the attempts at the next one. Every
 * decision is already stored durably in `seq` order, so the outbox needs no copy of it.
 *
 * Why `seq` order is delivery order: every writer of a campaign's decisions holds the
 * campaign's decision-log lock (`lockDecisionLog`, store/repos/fulfilment/log.ts) from before its
 * first insert to its commit, so within a campaign the `seq` values are committed in order and a
 * reader that has seen seq N will never later find a smaller one appear.
 *
 * One deliverer at a time per endpoint and campaign, across processes:
 * - PostgreSQL: the cursor row is held `for update` (`skip locked`: a process finding it held
 *   leaves it to the holder) while a delivery is in flight; each acknowledged delivery commits
 *   the cursor and takes the row again, so a crash loses at most the one in flight (delivered
 *   again: at least once) and the lock dies with the connection.
 * - SQLite: a write transaction cannot stay open across an HTTP call without stopping every
 *   other writer, so the row carries a lease instead (`lease_owner`, `lease_until`), taken by a
 *   compare-and-set and kept alive by each save. A lease whose owner process is gone (same host,
 *   no such pid) is taken at once; any other waits for it to expire.
 */
import { hostname } from "node:os";
import { type ControlledTransaction, sql } from "kysely";
import type { Database } from "../../schema.js";
import type { Db } from "../../types.js";
import { isPostgres } from "../fulfilment/rows.js";
import { ds, type WebhookCursorsTable } from "./tables.js";

export interface CursorState {
  deliveredSeq: number;
  attempts: number;
  nextAttemptAt: number | null;
  deliveredCount: number;
}

export interface CursorUpdate {
  deliveredSeq?: number;
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptAt: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredCount?: number;
}

export interface CursorHold {
  readonly state: CursorState;
  /**
   * Stores the update (durably); `false` when this process no longer holds the cursor (its
   * lease ran out and another took it, or the row moved under it): stop delivering.
   */
  save(update: CursorUpdate, now: number): Promise<boolean>;
  release(): Promise<void>;
}

export interface HoldOptions {
  /** Who holds it (this process's deliverer): `host/pid/random`. */
  owner: string;
  leaseMs: number;
  now: number;
}

const toState = (
  r: Pick<
    WebhookCursorsTable,
    "delivered_seq" | "attempts" | "next_attempt_at" | "delivered_count"
  >,
): CursorState => ({
  deliveredSeq: Number(r.delivered_seq),
  attempts: Number(r.attempts),
  nextAttemptAt: r.next_attempt_at === null ? null : Number(r.next_attempt_at),
  deliveredCount: Number(r.delivered_count),
});

const columnsOf = (u: CursorUpdate) => ({
  ...(u.deliveredSeq === undefined ? {} : { delivered_seq: u.deliveredSeq }),
  ...(u.deliveredCount === undefined ? {} : { delivered_count: u.deliveredCount }),
  attempts: u.attempts,
  next_attempt_at: u.nextAttemptAt,
  last_attempt_at: u.lastAttemptAt,
  last_status: u.lastStatus,
  last_error: u.lastError === null ? null : u.lastError.slice(0, 500),
});

async function ensureCursor(db: Db, endpoint: string, campaignId: string, now: number) {
  await ds(db)
    .insertInto("webhook_cursors")
    .values({
      endpoint,
      campaign_id: campaignId,
      delivered_seq: 0,
      attempts: 0,
      next_attempt_at: null,
      last_attempt_at: null,
      last_status: null,
      last_error: null,
      delivered_count: 0,
      lease_owner: null,
      lease_until: null,
      updated_at: now,
    })
    .onConflict((oc) => oc.columns(["endpoint", "campaign_id"]).doNothing())
    .execute();
}

/** The cursor, held for this process; `undefined` when another process holds it. */
export async function holdCursor(
  db: Db,
  endpoint: string,
  campaignId: string,
  options: HoldOptions,
): Promise<CursorHold | undefined> {
  await ensureCursor(db, endpoint, campaignId, options.now);
  return isPostgres(db)
    ? holdLocked(db, endpoint, campaignId)
    : holdLeased(db, endpoint, campaignId, options);
}

async function holdLocked(
  db: Db,
  endpoint: string,
  campaignId: string,
): Promise<CursorHold | undefined> {
  const lock = async (trx: ControlledTransaction<Database>) => {
    const { rows } = await sql<WebhookCursorsTable>`
      select * from webhook_cursors where endpoint = ${endpoint} and campaign_id = ${campaignId}
      for update skip locked`.execute(trx);
    return rows[0];
  };
  let trx = await db.startTransaction().execute();
  let row: WebhookCursorsTable | undefined;
  try {
    row = await lock(trx);
  } catch (error) {
    await trx.rollback().execute();
    throw error;
  }
  if (!row) {
    await trx.rollback().execute();
    return undefined;
  }
  let state = toState(row);
  let open = true;
  return {
    get state() {
      return state;
    },
    async save(update, now) {
      if (!open) return false;
      await ds(trx)
        .updateTable("webhook_cursors")
        .set({ ...columnsOf(update), updated_at: now })
        .where("endpoint", "=", endpoint)
        .where("campaign_id", "=", campaignId)
        .execute();
      await trx.commit().execute();
      // Take the row again for the next delivery; another process may have taken it between.
      const expected = update.deliveredSeq ?? state.deliveredSeq;
      trx = await db.startTransaction().execute();
      const again = await lock(trx);
      if (!again || Number(again.delivered_seq) !== expected) {
        open = false;
        await trx.rollback().execute();
        return false;
      }
      state = toState(again);
      return true;
    },
    async release() {
      if (!open) return;
      open = false;
      await trx.rollback().execute();
    },
  };
}

async function holdLeased(
  db: Db,
  endpoint: string,
  campaignId: string,
  { owner, leaseMs, now }: HoldOptions,
): Promise<CursorHold | undefined> {
  const row = await ds(db)
    .selectFrom("webhook_cursors")
    .selectAll()
    .where("endpoint", "=", endpoint)
    .where("campaign_id", "=", campaignId)
    .executeTakeFirstOrThrow();
  // Not re-entrant: a second round of this very deliverer waits for the first like any other.
  const held = row.lease_owner !== null;
  if (held && Number(row.lease_until ?? 0) >= now && !ownerIsGone(row.lease_owner!, owner)) {
    return undefined;
  }
  // Compare-and-set on the owner seen: of two processes taking it at once, one wins.
  const taken = await ds(db)
    .updateTable("webhook_cursors")
    .set({ lease_owner: owner, lease_until: now + leaseMs })
    .where("endpoint", "=", endpoint)
    .where("campaign_id", "=", campaignId)
    .where(sql<boolean>`lease_owner is ${row.lease_owner}`)
    .executeTakeFirst();
  if (Number(taken.numUpdatedRows) !== 1) return undefined;
  let state = toState(row);
  let open = true;
  return {
    get state() {
      return state;
    },
    async save(update, at) {
      if (!open) return false;
      const r = await ds(db)
        .updateTable("webhook_cursors")
        .set({ ...columnsOf(update), lease_until: at + leaseMs, updated_at: at })
        .where("endpoint", "=", endpoint)
        .where("campaign_id", "=", campaignId)
        .where("lease_owner", "=", owner)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) {
        open = false;
        return false;
      }
      state = {
        deliveredSeq: update.deliveredSeq ?? state.deliveredSeq,
        attempts: update.attempts,
        nextAttemptAt: update.nextAttemptAt,
        deliveredCount: update.deliveredCount ?? state.deliveredCount,
      };
      return true;
    },
    async release() {
      if (!open) return;
      open = false;
      await ds(db)
        .updateTable("webhook_cursors")
        .set({ lease_owner: null, lease_until: null })
        .where("endpoint", "=", endpoint)
        .where("campaign_id", "=", campaignId)
        .where("lease_owner", "=", owner)
        .execute();
    },
  };
}

/** A lease owner on this host whose process has ended (`host/pid/…`). */
function ownerIsGone(leaseOwner: string, me: string): boolean {
  const [host, pidText] = leaseOwner.split("/");
  const [myHost, myPid] = me.split("/");
  const pid = Number(pidText);
  if (host !== myHost || host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  if (String(pid) === myPid) return false; // another deliverer in this very process
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

export interface PendingDecision {
  seq: number;
  effectKey: string;
  type: string;
  createdAt: number;
  body: string;
}

/** The campaign's decisions after `afterSeq`, in order. */
export async function decisionsAfter(
  db: Db,
  campaignId: string,
  afterSeq: number,
  limit: number,
): Promise<PendingDecision[]> {
  const rows = await ds(db)
    .selectFrom("ff_decisions")
    .select(["seq", "effect_key", "type", "created_at", "body"])
    .where("campaign_id", "=", campaignId)
    .where("seq", ">", afterSeq)
    .orderBy("seq")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    effectKey: r.effect_key,
    type: r.type,
    createdAt: Number(r.created_at),
    body: r.body,
  }));
}

export interface CursorStatus extends CursorState {
  endpoint: string;
  campaignId: string;
  pending: number;
  lastAttemptAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
}

/** Every cursor with how many decisions wait behind it. */
export async function outboxStatus(db: Db): Promise<CursorStatus[]> {
  const rows = await ds(db)
    .selectFrom("webhook_cursors as c")
    .selectAll("c")
    .select((eb) =>
      eb
        .selectFrom("ff_decisions as d")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("d.campaign_id", "=", "c.campaign_id")
        .whereRef("d.seq", ">", "c.delivered_seq")
        .as("pending"),
    )
    .orderBy("c.endpoint")
    .orderBy("c.campaign_id")
    .execute();
  return rows.map((r) => ({
    endpoint: r.endpoint,
    campaignId: r.campaign_id,
    ...toState(r),
    pending: Number(r.pending ?? 0),
    lastAttemptAt: r.last_attempt_at === null ? null : Number(r.last_attempt_at),
    lastStatus: r.last_status === null ? null : Number(r.last_status),
    lastError: r.last_error,
  }));
}
