/**
 * The deadline sweeper `gala serve` runs: at start (catching up on whatever came due while the
 * server was down) and then every `intervalMs`, it sweeps every campaign until nothing is due
 * before the server's clock. `stop()` waits for a sweep in progress, so SIGTERM never cuts a
 * transaction short (and a cut one would roll back anyway).
 */

import { foldDayCounts } from "../../store/repos/fulfilment/counts.js";
import type { AppContext } from "../context.js";
import { activeCampaigns } from "./campaigns.js";
import { sweepCampaign } from "./sweep.js";

export interface SweeperOptions {
  intervalMs?: number;
  /** Obligations per transaction. */
  limit?: number;
  onError?: (error: unknown) => void;
  onSweep?: (campaignId: string, fired: number) => void;
}

export class DeadlineSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly options: SweeperOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** One full sweep of every campaign; answers how many obligations fired. */
  async sweepOnce(): Promise<number> {
    let fired = 0;
    for (const loaded of await activeCampaigns(this.ctx.campaigns)) {
      for (;;) {
        const now = this.ctx.clock.now();
        const r = await sweepCampaign(this.ctx, loaded, now, this.options.limit);
        fired += r.fired;
        if (r.fired > 0) this.options.onSweep?.(loaded.campaign.id, r.fired);
        if (!r.more || this.stopped) break;
      }
      // Housekeeping on the same tick: the merchants' day counts into the campaign's, so the
      // dashboard's days stay a read of a few rows (counts.ts).
      if (!this.stopped) await foldDayCounts(this.ctx.store.db, loaded.campaign.id);
    }
    return fired;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.sweepOnce()
        .then(
          () => undefined,
          (error) => this.options.onError?.(error),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(this.options.intervalMs ?? 1_000);
        });
    }, delay);
    // A sweep pending must not keep a process alive that is otherwise done.
    this.timer.unref();
  }
}
