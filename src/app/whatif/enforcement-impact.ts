/**
 * The editor's enforcement impact: the running campaign's stored event log replayed under its
 * current version (A) and under the edited text (B), as the server took each event — in the
 * order stored, each at the server's clock when it came in (domain/whatif/log-comparison.ts) —
 * and the net outcomes compared: what B would have decided on the same history. People's acts on
 * the engine that are no events (appeals upheld, withdrawals, held claims paid or declined) go in
 * where the server took them.
 *
 * Why the stored order and not event time: every event in the log was accepted in that order,
 * so each finds its order already paid, as it did then (sorted by `at`, a scan dated before its
 * payment would come first and be refused); the net state does not depend on arrival order
 * anyway (docs/interfaces.md, "Time, lateness and
 * corrections": the property the tests rely on); and the stored order is an index range,
 * read in pages, with no sort. Nothing is locked: pages are short reads outside the campaign's
 * lock, the event loop is given back between them, and one comparison runs at a time per
 * process (each holds two engines' state: about 300 MB at a million events).
 */
import type { Campaign } from "../../domain/campaign/model.js";
import { type Comparison, LogComparison } from "../../domain/whatif/index.js";
import { eventLogEnd } from "../../store/repos/fulfilment/event-log.js";
import { reviewListingsPage } from "../../store/repos/fulfilment/review-listings.js";
import { personActs } from "../../store/repos/person-acts.js";
import type { AppContext } from "../context.js";
import { readEventLog } from "./event-log.js";

export interface EnforcementImpact extends Comparison {
  /** Events of the log read (every one the server had taken when the comparison began). */
  events: number;
  /** The server's clock the comparison settled to (epoch ms): time settled up to it − lateness. */
  asOf: number;
  /** Stored events that no longer read as events (0 unless the log was edited by hand). */
  unreadable: number;
}

/** Merchants and products listed, most affected first. */
const LISTED = 20;
const LISTINGS_PAGE = 1_000;

let queue: Promise<unknown> = Promise.resolve();

/** One at a time per process: the next waits for the one running. */
export function enforcementImpact(
  ctx: AppContext,
  current: Campaign,
  edited: Campaign,
): Promise<EnforcementImpact> {
  const run = queue.then(() => compareOnLog(ctx, current, edited));
  queue = run.catch(() => {});
  return run;
}

async function compareOnLog(
  ctx: AppContext,
  current: Campaign,
  edited: Campaign,
): Promise<EnforcementImpact> {
  const db = ctx.store.db;
  const campaignId = current.id;
  const asOf = ctx.clock.now();
  const through = await eventLogEnd(db, campaignId);
  const comparison = new LogComparison(
    { campaign: current, lateness: ctx.lateness ?? current.policy.lateness },
    { campaign: edited, lateness: ctx.lateness ?? edited.policy.lateness },
  );
  for (let after: string | undefined; ; ) {
    const page = await reviewListingsPage(db, campaignId, after, LISTINGS_PAGE);
    for (const listing of page) comparison.list(listing);
    if (page.length < LISTINGS_PAGE) break;
    after = page[page.length - 1]!.productId;
  }
  // People's acts (appeals upheld, withdrawals, held claims resolved) are no events: each goes in where the server
  // took it, after the events it had received by then.
  const acts = (await personActs(db, campaignId)).filter((a) => a.at <= asOf);
  let nextAct = 0;
  let events = 0;
  let unreadable = 0;
  for await (const page of readEventLog(db, campaignId, { through })) {
    for (const entry of page) {
      events++;
      if (entry.event === null) {
        unreadable++;
        continue;
      }
      for (; nextAct < acts.length && acts[nextAct]!.at < entry.receivedAt; nextAct++) {
        comparison.act(acts[nextAct]!.act, acts[nextAct]!.at);
      }
      comparison.receive(entry.event, entry.receivedAt);
    }
  }
  for (; nextAct < acts.length; nextAct++) comparison.act(acts[nextAct]!.act, acts[nextAct]!.at);
  comparison.finish(asOf);
  return { events, asOf, unreadable, ...comparison.result({ limit: LISTED }) };
}
