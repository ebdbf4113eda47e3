/**
 * Streams a simulated campaign into a server so the console has life: the same loop whether the
 * events go over HTTP (`gala demo`) or straight into the use case (`gala serve --demo`).
 *
 * Simulated time starts at the server's clock and runs `speed` times faster than real time (a
 * 24 h shipping deadline passes in minutes), never behind the server's clock. Deadlines fire as
 * later events pass them, and by the server's sweeper once its clock catches up.
 */
import { formatWithOffset } from "../../domain/time/format.js";
import { CampaignSimulation, type SimProduct, simulatedProducts } from "./simulation.js";

export interface DemoTarget {
  /** The server's clock, epoch ms. */
  now(): Promise<number>;
  /** Live products already in the venue (orders go to them too). */
  venue(): Promise<SimProduct[]>;
  send(events: object[]): Promise<{
    accepted: number;
    errors: Array<{ error: { code: string } }>;
    decisions: Array<{ type: string }>;
  }>;
}

export interface DemoOptions {
  speed: number;
  ordersPerHour: number;
  intervalMs: number;
  seed: number;
  log: (line: string) => void;
}

const HOUR = 3_600_000;
const BEIJING = 480;

export class DemoStream {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private busy: Promise<void> | undefined;

  constructor(
    private readonly target: DemoTarget,
    private readonly options: DemoOptions,
  ) {}

  async start(): Promise<void> {
    const runId = `sim${Date.now().toString(36)}`;
    const own = simulatedProducts(runId);
    let start = await this.target.now();
    // A previous run may have moved the engine's clock ahead of the server's: step past it.
    for (let tries = 0; ; tries++) {
      const listed = own.map((p, i) => ({
        id: `${runId}-list-${i}-${tries}`,
        type: "product.listed",
        at: formatWithOffset(start, BEIJING),
        ...p,
      }));
      const r = await this.target.send(listed);
      if (r.accepted > 0 || tries >= 30) break;
      start += 6 * HOUR;
    }
    const products = [...own, ...(await this.target.venue())];
    const sim = new CampaignSimulation(products, start + 60_000, {
      seed: this.options.seed,
      ordersPerHour: this.options.ordersPerHour,
      runId,
    });
    const realStart = performance.now();
    let simNow = start;
    this.options.log(
      `demo: ${products.length} products, simulated time from ${formatWithOffset(start, BEIJING)} at ${this.options.speed}× real time`,
    );
    const tick = async () => {
      const serverNow = await this.target.now();
      simNow = Math.max(
        serverNow,
        start + Math.floor((performance.now() - realStart) * this.options.speed),
        simNow,
      );
      const events = sim.until(simNow).map((e) => ({ ...e, at: formatWithOffset(e.at, BEIJING) }));
      for (let i = 0; i < events.length; i += 500) {
        const r = await this.target.send(events.slice(i, i + 500));
        const kinds = new Map<string, number>();
        for (const d of r.decisions) kinds.set(d.type, (kinds.get(d.type) ?? 0) + 1);
        const summary = [...kinds].map(([k, n]) => `${k}×${n}`).join(" ");
        this.options.log(
          `${formatWithOffset(simNow, BEIJING)}  ${r.accepted} events${r.errors.length ? `, ${r.errors.length} refused (${r.errors[0]!.error.code})` : ""}${summary ? `  → ${summary}` : ""}`,
        );
      }
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
}
