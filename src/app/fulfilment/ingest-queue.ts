/**
 * Group commit for the event endpoint: batches that arrive while a transaction is running wait
 * and then go together in the next one, so 64 clients sending one refund each pay for one commit
 * (one fsync) between them instead of 64. Each batch is still whole-or-nothing and answered only
 * after the commit that holds it. If a shared transaction fails, its batches are retried one by
 * one, so one batch's failure never fails another's.
 *
 * On a server's SQLite file the disk's wait is off the event loop (store/sqlite-durable.ts): while
 * a commit is synced, the thread reads and parses the next requests, which then go together in
 * the next transaction. Starting that transaction at once instead (during the sync) was measured
 * (bench:events, stop 22): smaller transactions, each paying its fixed cost (~0.5 ms of CPU),
 * and fewer refunds per second for the same latency.
 */
import type { Store } from "../../store/index.js";
import type { AppContext, IngestGather } from "../context.js";
import { activeCampaigns } from "./campaigns.js";
import { applyBatches, finish, type IngestOutcome, prepareBatch } from "./ingest.js";

/** Events per shared transaction: big enough to amortise a commit, small enough to answer fast. */
const MAX_EVENTS_PER_COMMIT = 5_000;

/**
 * Under steady traffic (a transaction ended less than `ms` ago) a transaction of fewer than
 * `events` events waits up to `ms` after its first request for others, as PostgreSQL's
 * `commit_delay`: a transaction costs ~0.5 ms of CPU whatever its size (bench/RESULTS.md, events),
 * and the channel's refunds come one per request. Measured at half the refund path's maximum rate
 * (open loop): server CPU per refund 270 → 195 µs, p99 ~19 → ~15 ms, p50 +2 ms. A lone request
 * after a quiet spell goes at once.
 */
const GATHER: IngestGather = { events: 32, ms: 2 };

interface Waiting {
  raws: readonly unknown[];
  /** How far past the server's clock an event may be dated (undefined: any). */
  maxLeadMs: number | undefined;
  resolve: (outcome: IngestOutcome) => void;
  reject: (error: unknown) => void;
}

class IngestQueue {
  private waiting: Waiting[] = [];
  private waitingEvents = 0;
  /** When the first of `waiting` arrived, and when the last transaction ended (performance.now). */
  private firstArrived = 0;
  private lastEnded = Number.NEGATIVE_INFINITY;
  /** Ends a gathering wait early (enough events came). */
  private wake: (() => void) | undefined;
  private running = false;
  private scheduled = false;
  private readonly gather: IngestGather;

  constructor(private readonly ctx: AppContext) {
    this.gather = ctx.ingestGather ?? GATHER;
  }

  submit(raws: readonly unknown[], maxLeadMs: number | undefined): Promise<IngestOutcome> {
    return new Promise((resolve, reject) => {
      if (this.waiting.length === 0) this.firstArrived = performance.now();
      this.waiting.push({ raws, maxLeadMs, resolve, reject });
      this.waitingEvents += raws.length;
      if (this.waitingEvents >= this.gather.events) this.wake?.();
      // SQLite answers synchronously, so a transaction never yields to the network: wait for
      // the end of this turn of the event loop, when every request already read has queued.
      if (!this.running && !this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          void this.drain();
        });
      }
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        await this.gathered();
        let events = 0;
        let n = 0;
        while (
          n < this.waiting.length &&
          (n === 0 || events + this.waiting[n]!.raws.length <= MAX_EVENTS_PER_COMMIT)
        ) {
          events += this.waiting[n]!.raws.length;
          n++;
        }
        const taken = this.waiting.splice(0, n);
        this.waitingEvents -= events;
        this.firstArrived = performance.now();
        await this.commit(taken, taken.length > 1);
        this.lastEnded = performance.now();
      }
    } finally {
      this.running = false;
    }
  }

  /** Waits while a small batch may still grow (see GATHER). */
  private async gathered(): Promise<void> {
    const now = performance.now();
    const { events, ms } = this.gather;
    if (this.waitingEvents >= events || now - this.lastEnded > ms) return;
    const left = this.firstArrived + ms - now;
    if (left < 0.5) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), left);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private async commit(taken: Waiting[], retryAlone: boolean): Promise<void> {
    try {
      const campaigns = await activeCampaigns(this.ctx.campaigns);
      const now = this.ctx.clock.now();
      const submissions = taken.map((w) =>
        prepareBatch(campaigns, w.raws, w.maxLeadMs === undefined ? undefined : now + w.maxLeadMs),
      );
      const busy = submissions.filter((s) => s.groups.size > 0);
      if (busy.length > 0) await applyBatches(this.ctx, busy);
      submissions.forEach((s, i) => {
        taken[i]!.resolve(finish(s));
      });
    } catch (error) {
      if (!retryAlone) {
        for (const w of taken) w.reject(error);
        return;
      }
      for (const w of taken) await this.commit([w], false);
    }
  }
}

const queues = new WeakMap<Store, IngestQueue>();

/** `ingestEvents` through this process's queue for the store: same answer, shared commits. */
export function submitEvents(
  ctx: AppContext,
  raws: readonly unknown[],
  maxLeadMs?: number,
): Promise<IngestOutcome> {
  let queue = queues.get(ctx.store);
  if (!queue) {
    queue = new IngestQueue(ctx);
    queues.set(ctx.store, queue);
  }
  return queue.submit(raws, maxLeadMs);
}
