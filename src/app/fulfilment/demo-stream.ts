/**
 * Streams a simulated campaign into a server so the console has life: the same loop whether the
 * events go over HTTP (`gala demo`) or straight into the use case (`gala serve --demo`).
 *
 * With a `speed`, simulated time starts at the server's clock and runs `speed` times faster than
 * real time (a 24 h shipping deadline passes in minutes), never behind the server's clock:
 * deadlines fire as later events pass them. Without one, simulated time is the server's clock
 * (`serve --demo` runs its clock fast instead), so event times match what the console shows and
 * the server's sweeper fires deadlines as its clock passes them. `backfill` first replays the
 * history from an earlier instant up to the server's clock in one burst.
 */
import { formatWithOffset } from "../../domain/time/format.js";
import { CampaignSimulation, type SimProduct, simulatedProducts } from "./simulation.js";

export interface DemoTarget {
  /** The server's clock, epoch ms. */
  now(): Promise<number>;
  /** Live products already in the venue (orders go to them too). */
  venue(): Promise<SimProduct[]>;
  send(events: object[]): Promise<SendAnswer>;
  /**
   * Sends events of the replayed history (a fresh demo's first days) as if they came in when they
   * happened; absent, `send` (a server over HTTP judges them by its own clock).
   */
  sendHistory?(events: Array<{ at: string }>): Promise<SendAnswer>;
}

interface SendAnswer {
  accepted: number;
  errors: Array<{ error: { code: string } }>;
  decisions: Array<{ type: string; productId?: string; merchantId?: string }>;
}

export interface DemoOptions {
  /** Times real speed, ahead of the server's clock; omitted = follow the server's clock. */
  speed?: number;
  ordersPerHour: number;
  intervalMs: number;
  seed: number;
  log: (line: string) => void;
}

const HOUR = 3_600_000;
const BEIJING = 480;
/** Events per send: one ingest transaction each, so deadlines fire between batches in order. */
const BATCH = 500;

export class DemoStream {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private busy: Promise<void> | undefined;
  private readonly runId = `sim${Date.now().toString(36)}`;
  private sim: CampaignSimulation | undefined;
  private start0 = 0;
  private simNow = 0;
  /** While replaying history: what was sent, told in one line at the end instead of per hour. */
  private tally: { events: number; refused: number; kinds: Map<string, number> } | undefined;

  constructor(
    private readonly target: DemoTarget,
    private readonly options: DemoOptions,
  ) {}

  /**
   * Streams the simulated history from `from` up to the server's clock at once, so a new demo
   * already has late and false shipments, violations and claims. Run it before anything else
   * moves the engine's clock (e.g. the deadline sweeper): an event behind it is refused.
   */
  async backfill(from: number): Promise<void> {
    const until = await this.target.now();
    if (from >= until) return;
    await this.open(from, true);
    this.options.log(
      `demo: replaying ${formatWithOffset(from, BEIJING)} → ${formatWithOffset(until, BEIJING)}`,
    );
    this.tally = { events: 0, refused: 0, kinds: new Map() };
    await this.sendUntil(until);
    const { events, refused, kinds } = this.tally;
    this.tally = undefined;
    this.options.log(
      `demo: replayed ${events} events${refused ? `, ${refused} refused` : ""}${summary(kinds)}`,
    );
  }

  async start(): Promise<void> {
    if (this.sim === undefined) await this.open(await this.target.now());
    const realStart = performance.now();
    const speed = this.options.speed;
    this.options.log(
      speed === undefined
        ? "demo: following the server's clock"
        : `demo: ${speed}× real time from ${formatWithOffset(this.simNow, BEIJING)}`,
    );
    const tick = async () => {
      const serverNow = await this.target.now();
      const ahead =
        speed === undefined ? 0 : this.start0 + Math.floor((performance.now() - realStart) * speed);
      await this.sendUntil(Math.max(serverNow, ahead, this.simNow));
    };
    const loop = () => {
      if (this.stopped) return;
      this.busy = tick()
        .catch((error) => this.options.log(`demo: ${(error as Error).message}`))
        .finally(() => {
          this.busy = undefined;
          if (!this.stopped) this.timer = setTimeout(loop, this.options.intervalMs);
        });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.busy;
  }

  /**
   * Lists the simulated merchants' products at `at` (or later) and starts the simulation;
   * `history`: as part of the replayed history (judged as if sent at `at`).
   */
  private async open(at: number, history = false): Promise<void> {
    const own = simulatedProducts(this.runId);
    let start = at;
    // A previous run may have moved the engine's clock ahead of the server's: step past it.
    for (let tries = 0; ; tries++) {
      const listed = own.map((p, i) => ({
        id: `${this.runId}-list-${i}-${tries}`,
        type: "product.listed",
        at: formatWithOffset(start, BEIJING),
        ...p,
      }));
      const r =
        history && this.target.sendHistory !== undefined
          ? await this.target.sendHistory(listed)
          : await this.target.send(listed);
      if (r.accepted > 0 || tries >= 30) break;
      start += 6 * HOUR;
    }
    const products = [...own, ...(await this.target.venue())];
    this.sim = new CampaignSimulation(products, start + 60_000, {
      seed: this.options.seed,
      ordersPerHour: this.options.ordersPerHour,
      runId: this.runId,
    });
    this.start0 = start;
    this.simNow = start;
    this.options.log(`demo: ${products.length} products from ${formatWithOffset(start, BEIJING)}`);
  }

  /**
   * Sends every simulated event up to `until`, in time order, in batches, a simulated hour at a
   * time: products delisted and merchants gone in one hour take no orders in the next.
   */
  private async sendUntil(until: number): Promise<void> {
    for (let t = Math.min(this.simNow + HOUR, until); ; t = Math.min(t + HOUR, until)) {
      const hourPassed = Math.floor(t / HOUR) > Math.floor(this.simNow / HOUR);
      this.simNow = t;
      await this.sendHour(t);
      // Live, the server decides delistings and exits as its clock passes their deadlines, not
      // in the answers: read the venue back each simulated hour.
      if (hourPassed && this.tally === undefined) {
        this.sim!.keepListed(new Set((await this.target.venue()).map((p) => p.productId)));
      }
      if (t >= until || this.stopped) return;
    }
  }

  private async sendHour(until: number): Promise<void> {
    const events = this.sim!.until(until).map((e) => ({
      ...e,
      at: formatWithOffset(e.at, BEIJING),
    }));
    for (let i = 0; i < events.length && !this.stopped; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      const history = this.tally !== undefined && this.target.sendHistory !== undefined;
      const r = history ? await this.target.sendHistory!(batch) : await this.target.send(batch);
      const kinds = new Map<string, number>();
      const delisted = new Set<string>();
      const gone = new Set<string>();
      for (const d of r.decisions) {
        kinds.set(d.type, (kinds.get(d.type) ?? 0) + 1);
        if (d.type === "listing.delisted" && d.productId) delisted.add(d.productId);
        if (d.type === "merchant.exited" && d.merchantId) gone.add(d.merchantId);
      }
      if (delisted.size + gone.size > 0) this.sim!.withdraw(delisted, gone);
      if (this.tally) {
        this.tally.events += r.accepted;
        this.tally.refused += r.errors.length;
        for (const [k, n] of kinds) this.tally.kinds.set(k, (this.tally.kinds.get(k) ?? 0) + n);
        continue;
      }
      this.options.log(
        `${batch.at(-1)!.at}  ${r.accepted} events${r.errors.length ? `, ${r.errors.length} refused (${r.errors[0]!.error.code})` : ""}${summary(kinds)}`,
      );
    }
  }
}

/** `  → claim.paid×3 refund.approved×12`, or nothing when no decision was made. */
function summary(kinds: ReadonlyMap<string, number>): string {
  const text = [...kinds].map(([k, n]) => `${k}×${n}`).join(" ");
  return text ? `  → ${text}` : "";
}
