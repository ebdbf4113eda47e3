/**
 * A rehearsal from history (`gala serve --replay-from DB`): a stored campaign's events played
 * back into this server, under the policy it runs, as its clock passes the moment each came in,
 * so the console shows the campaign as it would have gone.
 *
 * Each event is sent, in the order the source took it (store/repos/fulfilment/event-log.ts),
 * once this server's clock reaches the source's clock when the event came in (`receivedAt`) —
 * and never before its own `at`: the server's clock is the time authority, and an event ahead
 * of it would be refused. So an event that came in late comes in late here too, and corrects
 * what it corrected then. Events that came in together are sent together, through the same use
 * case as `POST /api/v1/events` (ingestEvents), their ids kept: a restart sends again only what
 * this database has not stored. Events due before the clock when the rehearsal starts are sent
 * at once, each batch with the clock held at its moment (as `serve --demo` replays its history).
 * The source is read in pages as it goes; it may still be growing (a live server's database).
 *
 * People's acts (appeals filed and decided, withdrawals, held claims paid or declined) are taken
 * again between the events, each once the clock passes the moment the source took it and before
 * the events the source received after it (acts.ts), as the editor's impact replays them.
 */
import { type LogEntry, readEventLog } from "../../app/whatif/event-log.js";
import type { Store } from "../../store/index.js";
import { knownEventIds } from "../../store/repos/fulfilment/log.js";
import { type StoredAct, storedActs } from "../../store/repos/person-acts.js";
import type { HoldableClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { ingestEvents } from "../fulfilment/ingest.js";
import { type ActOutcome, takeAct } from "./acts.js";

export interface RehearsalOptions {
  source: Store;
  campaignId: string;
  /** How often to look whether the clock has passed more events (real ms). */
  intervalMs?: number;
  log: (line: string) => void;
  /** How an instant is written in the log lines (the campaign's zone). */
  format?: (at: number) => string;
}

/** At most this many events per ingestion (one transaction), as the demo stream sends them. */
const BATCH = 500;

export interface RehearsalTally {
  sent: number;
  accepted: number;
  duplicates: number;
  refused: number;
  kinds: Map<string, number>;
  /** People's acts taken, refused here (e.g. no violation to appeal under this policy), and already here. */
  acts: { taken: number; refused: number; duplicates: number };
}

export class Rehearsal {
  private pending: LogEntry[] = [];
  private after = 0;
  private timer: NodeJS.Timeout | undefined;
  private busy: Promise<void> | undefined;
  private stopped = false;
  readonly tally: RehearsalTally = {
    sent: 0,
    accepted: 0,
    duplicates: 0,
    refused: 0,
    kinds: new Map(),
    acts: { taken: 0, refused: 0, duplicates: 0 },
  };
  /** People's acts read and not taken yet, by time; the latest instant read, and every act read. */
  private acts: StoredAct[] = [];
  private actsSince = 0;
  private readonly actsRead = new Set<string>();

  constructor(
    private readonly ctx: AppContext,
    private readonly clock: HoldableClock,
    private readonly options: RehearsalOptions,
  ) {}

  /** Sends every event due up to `until` at once, each batch judged at its own moment. */
  async backfill(until: number): Promise<void> {
    await this.sendUntil(until, true);
  }

  /** From now on, sends events as the clock passes them. */
  start(): void {
    const loop = () => {
      if (this.stopped) return;
      this.busy = this.sendUntil(this.clock.now(), false)
        .catch((error) => this.options.log(`rehearsal: ${(error as Error).message}`))
        .finally(() => {
          this.busy = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs ?? 250);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  private async sendUntil(until: number, history: boolean): Promise<void> {
    await this.readActs();
    for (;;) {
      if (this.stopped) return;
      const first = await this.peek();
      const act = this.acts[0];
      // An act goes before the events the source received after it, once the clock passes it.
      if (
        act !== undefined &&
        act.at <= until &&
        (first === undefined || act.at < first.receivedAt || dueOf(first) > until)
      ) {
        this.acts.shift();
        await this.take(act, history);
        continue;
      }
      const batch = await this.takeDue(until);
      if (batch.length === 0) return;
      const at = dueOf(batch[batch.length - 1]!);
      const events = await this.unknown(batch);
      if (events.length === 0) continue;
      const send = () => ingestEvents(this.ctx, events);
      const outcome = history ? await this.clock.holding(at, send) : await send();
      this.count(outcome, events.length);
      if (!history) this.report(at, outcome);
    }
  }

  /**
   * The source's acts since the latest read (it may still be growing, and its clock only moves
   * on, so new acts come at that instant or after), each read once.
   */
  private async readActs(): Promise<void> {
    const read = await storedActs(this.options.source.db, this.options.campaignId, this.actsSince);
    for (const act of read) {
      if (this.actsRead.has(act.key)) continue;
      this.actsRead.add(act.key);
      this.acts.push(act);
      this.actsSince = Math.max(this.actsSince, act.at);
    }
    this.acts.sort((x, y) => x.at - y.at);
  }

  private async take(act: StoredAct, history: boolean): Promise<void> {
    const run = () => takeAct(this.ctx, this.options.campaignId, act);
    const outcome = history ? await this.clock.holding(act.at, run) : await run();
    const t = this.tally.acts;
    if (outcome.taken) t.taken++;
    else if (outcome.duplicate) t.duplicates++;
    else t.refused++;
    for (const text of outcome.swept) this.countKind(text);
    for (const text of outcome.taken ? outcome.decisions : []) this.countKind(text);
    // A refusal is worth a line even in the history sent at start: the policy changed the case.
    if (!history || (!outcome.taken && !outcome.duplicate)) this.reportAct(act, outcome);
  }

  /** The next events due by `until` that came in together (same moment), up to BATCH. */
  private async takeDue(until: number): Promise<LogEntry[]> {
    const first = await this.peek();
    if (first === undefined || dueOf(first) > until) return [];
    const moment = dueOf(first);
    const out: LogEntry[] = [];
    for (;;) {
      const next = await this.peek();
      if (next === undefined || dueOf(next) !== moment || out.length >= BATCH) return out;
      out.push(this.pending.shift()!);
    }
  }

  private async peek(): Promise<LogEntry | undefined> {
    if (this.pending.length === 0) {
      // The end is read again each time: a live source keeps growing.
      for await (const page of readEventLog(this.options.source.db, this.options.campaignId, {
        after: this.after,
      })) {
        this.pending = page;
        this.after = page[page.length - 1]!.seq;
        break;
      }
    }
    return this.pending[0];
  }

  /** The events of the batch this database has not stored yet (a restarted rehearsal). */
  private async unknown(batch: LogEntry[]): Promise<unknown[]> {
    const bodies = batch.map((e) => JSON.parse(e.body) as { id?: string });
    const ids = bodies.flatMap((b) => (typeof b.id === "string" ? [b.id] : []));
    const known = ids.length === 0 ? new Set() : await knownEventIds(this.ctx.store.db, ids);
    this.tally.duplicates += known.size;
    return bodies.filter((b) => b.id === undefined || !known.has(b.id));
  }

  private count(outcome: Awaited<ReturnType<typeof ingestEvents>>, sent: number): void {
    const t = this.tally;
    t.sent += sent;
    t.accepted += outcome.accepted;
    t.duplicates += outcome.duplicates;
    t.refused += outcome.errors.length;
    for (const text of outcome.decisions) this.countKind(text);
  }

  private countKind(decision: string): void {
    const type = (JSON.parse(decision) as { type: string }).type;
    this.tally.kinds.set(type, (this.tally.kinds.get(type) ?? 0) + 1);
  }

  private reportAct(act: StoredAct, outcome: ActOutcome): void {
    const format = this.options.format ?? ((t: number) => new Date(t).toISOString());
    const what = outcome.taken
      ? outcome.decisions.length > 0
        ? `  → ${outcome.decisions.map((d) => (JSON.parse(d) as { type: string }).type).join(" ")}`
        : ""
      : outcome.duplicate
        ? " (already here)"
        : ` refused (${outcome.code})`;
    this.options.log(`rehearsal: ${format(act.at)}  ${act.type.replace("_", " ")}${what}`);
  }

  private report(at: number, outcome: Awaited<ReturnType<typeof ingestEvents>>): void {
    const kinds = new Map<string, number>();
    for (const text of outcome.decisions) {
      const type = (JSON.parse(text) as { type: string }).type;
      kinds.set(type, (kinds.get(type) ?? 0) + 1);
    }
    const refused = outcome.errors.length
      ? `, ${outcome.errors.length} refused (${outcome.errors[0]!.error.code})`
      : "";
    const decided = kinds.size ? `  → ${[...kinds].map(([k, n]) => `${k}×${n}`).join(" ")}` : "";
    this.options.log(
      `rehearsal: ${(this.options.format ?? ((t: number) => new Date(t).toISOString()))(at)}  ${outcome.accepted} events${refused}${decided}`,
    );
  }
}

/** When an event is sent: once the clock has passed both its arrival then and its own time. */
export function dueOf(entry: LogEntry): number {
  return entry.event === null ? entry.receivedAt : Math.max(entry.receivedAt, entry.event.at);
}
