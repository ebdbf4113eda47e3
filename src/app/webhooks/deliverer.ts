/**
 * `gala serve --webhook URL --webhook-secret S`: every decision, of every campaign, POSTed to the
 * endpoint at least once, in order per campaign, signed (`domain/webhooks/signature.ts`).
 *
 * Each tick (every second, and at once while there is a backlog) takes each campaign's cursor
 * (`store/repos/downstream/webhook-outbox.ts`: one deliverer per endpoint and campaign across
 * processes), reads the decisions after it and sends them one at a time; each acknowledgement
 * (a 2xx answer) moves the cursor, durably, before the next is sent. A failure (any other
 * status, a timeout, a refused connection) keeps the cursor where it is and schedules the next
 * attempt by the backoff; the decisions after it wait, so a receiver sees them in order. A
 * restart, or a receiver down for a day, loses nothing: the cursor is in the database and every
 * decision after it is still in `ff_decisions`.
 *
 * Times here are the wall clock's, not the server's (possibly rehearsed) campaign clock: the
 * signature's timestamp is checked against the receiver's real clock, and backoffs are real waits.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { retryDelayMs } from "../../domain/webhooks/backoff.js";
import { SIGNATURE_HEADER, signatureHeader } from "../../domain/webhooks/signature.js";
import {
  type CursorHold,
  decisionsAfter,
  holdCursor,
  type PendingDecision,
} from "../../store/repos/downstream/webhook-outbox.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { decisionId } from "../decision-id.js";

export interface WebhookEndpoint {
  url: string;
  secret: string;
}

export interface DelivererOptions {
  /** How often to look for new decisions when idle. */
  intervalMs?: number;
  /** Per request. */
  timeoutMs?: number;
  /** SQLite's lease on a cursor; renewed by every delivery. */
  leaseMs?: number;
  /** Deliveries per campaign before the tick moves on to the next campaign. */
  roundLimit?: number;
  /** The wall clock (ms). */
  now?: () => number;
  /** Formats a decision's stored instant for the payload (the campaign's zone). */
  iso?: (loaded: LoadedCampaign, t: number) => string;
  onError?: (error: unknown) => void;
  onDelivered?: (campaignId: string, seq: number) => void;
  onFailed?: (campaignId: string, seq: number, why: string, retryInMs: number) => void;
}

export interface Payload {
  id: string;
  seq: number;
  campaignId: string;
  type: string;
  decidedAt: string;
  decision: unknown;
}

type Outcome = "delivered" | "failed" | "idle" | "waiting" | "busy" | "stopped";

export class WebhookDeliverer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly inFlight = new AbortController();
  private readonly owner = `${hostname()}/${process.pid}/${randomBytes(6).toString("hex")}`;
  private readonly now: () => number;
  /** Where requests go: the endpoint's URL without its user and password (`authorization`). */
  private readonly target: string;
  private readonly authorization: Record<string, string>;

  constructor(
    private readonly ctx: AppContext,
    private readonly endpoint: WebhookEndpoint,
    private readonly options: DelivererOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    // fetch refuses a URL with credentials; a receiver behind Basic authentication gets them as
    // the header curl would send. The cursor stays keyed by the URL as given.
    const url = new URL(endpoint.url);
    const basic = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    this.authorization =
      url.username || url.password
        ? { authorization: `Basic ${Buffer.from(basic).toString("base64")}` }
        : {};
    url.username = "";
    url.password = "";
    this.target = url.toString();
  }

  /** Starts the loop; a deliverer stopped is not started again (make a new one). */
  start(): void {
    this.schedule(0);
  }

  /** Waits for the delivery in flight to end (an aborted one is sent again later). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.inFlight.abort();
    await this.running;
  }

  /** One pass over every campaign; whether some campaign has more to send now. */
  async tick(): Promise<boolean> {
    let more = false;
    for (const loaded of await this.ctx.campaigns.list()) {
      if (this.stopped) break;
      if ((await this.round(loaded)) === "delivered") more = true;
    }
    return more;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      let more = false;
      this.running = this.tick()
        .then(
          (m) => {
            more = m;
          },
          (error) => this.options.onError?.(error),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(more ? 0 : (this.options.intervalMs ?? 1_000));
        });
    }, delay);
    this.timer.unref();
  }

  /** Delivers the campaign's next decisions while they are acknowledged, up to the round's limit. */
  private async round(loaded: LoadedCampaign): Promise<Outcome> {
    const campaignId = loaded.campaign.id;
    const hold = await holdCursor(this.ctx.store.db, this.endpoint.url, campaignId, {
      owner: this.owner,
      leaseMs: this.options.leaseMs ?? 60_000,
      now: this.now(),
    });
    if (!hold) return "busy";
    let last: Outcome = "idle";
    try {
      const limit = this.options.roundLimit ?? 200;
      if ((hold.state.nextAttemptAt ?? 0) > this.now()) return "waiting";
      const pending = await decisionsAfter(
        this.ctx.store.db,
        campaignId,
        hold.state.deliveredSeq,
        limit,
      );
      for (const decision of pending) {
        if (this.inFlight.signal.aborted) return "stopped";
        last = await this.deliverOne(loaded, hold, decision);
        if (last !== "delivered") return last;
      }
      return pending.length === limit ? "delivered" : "idle";
    } finally {
      await hold.release();
    }
  }

  private async deliverOne(
    loaded: LoadedCampaign,
    hold: CursorHold,
    d: PendingDecision,
  ): Promise<Outcome> {
    const campaignId = loaded.campaign.id;
    // Another process delivered it while we read (possible only between holds): skip ahead.
    if (d.seq <= hold.state.deliveredSeq) return "delivered";
    const payload: Payload = {
      id: decisionId(campaignId, d.effectKey),
      seq: d.seq,
      campaignId,
      type: d.type,
      decidedAt: this.options.iso
        ? this.options.iso(loaded, d.createdAt)
        : new Date(d.createdAt).toISOString(),
      decision: JSON.parse(d.body) as unknown,
    };
    const body = JSON.stringify(payload);
    const sentAt = this.now();
    const attempt = hold.state.attempts + 1;
    let status: number | null = null;
    let error: string | null = null;
    // The timeout is a timer of ours, not `AbortSignal.timeout` inside `AbortSignal.any`: Node 20
    // lets the garbage collector take a timeout signal held only there, and a receiver that never
    // answered then held the deliverer (every campaign's) for undici's own 300 s.
    const timeoutMs = this.options.timeoutMs ?? 10_000;
    const request = new AbortController();
    const timer = setTimeout(
      () => request.abort(new DOMException(`no answer within ${timeoutMs} ms`, "TimeoutError")),
      timeoutMs,
    );
    const stopping = () => request.abort(this.inFlight.signal.reason);
    this.inFlight.signal.addEventListener("abort", stopping, { once: true });
    try {
      const res = await fetch(this.target, {
        method: "POST",
        redirect: "manual",
        headers: {
          "content-type": "application/json",
          "user-agent": "Gala-Webhooks/1",
          [SIGNATURE_HEADER]: signatureHeader(
            this.endpoint.secret,
            Math.floor(sentAt / 1000),
            body,
          ),
          "gala-delivery-id": payload.id,
          "gala-event-type": payload.type,
          "gala-attempt": String(attempt),
          ...this.authorization,
        },
        body,
        signal: request.signal,
      });
      status = res.status;
      await res.body?.cancel().catch(() => {});
      if (res.status < 200 || res.status > 299) error = `answered ${res.status}`;
    } catch (e) {
      // Stopping: not the receiver's failure; it is sent again after the restart.
      if (this.inFlight.signal.aborted) return "stopped";
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    } finally {
      clearTimeout(timer);
      this.inFlight.signal.removeEventListener("abort", stopping);
    }
    const now = this.now();
    if (error === null) {
      const saved = await hold.save(
        {
          deliveredSeq: d.seq,
          deliveredCount: hold.state.deliveredCount + 1,
          attempts: 0,
          nextAttemptAt: null,
          lastAttemptAt: sentAt,
          lastStatus: status,
          lastError: null,
        },
        now,
      );
      this.options.onDelivered?.(campaignId, d.seq);
      return saved ? "delivered" : "busy";
    }
    const wait = retryDelayMs(attempt);
    await hold.save(
      {
        attempts: attempt,
        nextAttemptAt: now + wait,
        lastAttemptAt: sentAt,
        lastStatus: status,
        lastError: error,
      },
      now,
    );
    this.options.onFailed?.(campaignId, d.seq, error, wait);
    return "failed";
  }
}
