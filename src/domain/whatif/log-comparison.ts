import type { Campaign, Instant } from "../campaign/model.js";
import {
  advance,
  applyClaimResolution,
  type ChannelEvent,
  type ClaimVerdict,
  type Decision,
  type ListingRecord,
  merchantOf,
  passed,
  receive,
  type ViolationKind,
  waiveViolation,
  withdraw,
} from "../fulfilment/index.js";
import type { CompareOptions, Comparison } from "./compare.js";
import { compareRuns, type PolicyRun, policyRun } from "./policy-run.js";

/** A product the campaign's venue listed without a channel event: approved at review. */
export interface VenueListing {
  productId: string;
  merchantId: string;
  listedAt: Instant;
  /** From the product's facts; `null`: the policy's default guarantee. */
  shippingGuaranteeHours: number | null;
}

/**
 * A person's act on the engine, not an event of the log: an operator upholding a merchant's
 * appeal (the order's violation of that kind waived), a merchant withdrawing, or an operator
 * paying or declining a claim the evaluation held.
 */
export type PersonAct =
  | { type: "appeal_upheld"; orderId: string; kind: ViolationKind }
  | { type: "withdrawal"; merchantId: string }
  | {
      type: "claim_resolved";
      orderId: string;
      kind: ViolationKind;
      decision: ClaimVerdict["decision"];
    };

export interface LogSide {
  campaign: Campaign;
  /** The server's lateness for this campaign (`--lateness`, else the campaign's policy). */
  lateness: number;
}

/**
 * Two policies over a server's event log, read the way the server took it: each event received
 * at the server's clock when it came in (`receivedAt`), time settled after each batch up to that
 * clock minus the lateness, and finally up to `now` minus the lateness — as `POST /events` and
 * the sweeper drive the engine (settle-run.ts), with the server's reading of campaign orders
 * (`venueGate`: paid on a product the venue listed then). So policy A's outcome is what the server
 * decided, and B's what it would have decided had B been in force while the same events came in.
 */
export class LogComparison {
  readonly a: PolicyRun;
  readonly b: PolicyRun;
  /** The server's clock for the batch being received; its settling waits for the next one. */
  private receivedAt = Number.NEGATIVE_INFINITY;
  private readonly scratch: Decision[] = [];

  constructor(
    private readonly sideA: LogSide,
    private readonly sideB: LogSide,
  ) {
    this.a = policyRun(sideA.campaign);
    this.b = policyRun(sideB.campaign);
  }

  /**
   * A product approved at review: the server makes it the engine's listing when the first order
   * is paid on it (working-set.ts); here it is known from the start, which decides the same.
   */
  list(listing: VenueListing): void {
    for (const run of [this.a, this.b]) {
      if (run.state.listings.has(listing.productId)) continue;
      const record: ListingRecord = {
        ...listing,
        violations: 0,
        weight: 1,
        status: "live",
        delistedAt: null,
        changes: 0,
      };
      run.state.listings.set(listing.productId, record);
      merchantOf(run.state, listing.merchantId);
    }
  }

  /** An event of the log, in the order stored, with the server's clock when it was received. */
  receive(event: ChannelEvent, receivedAt: Instant): void {
    if (receivedAt !== this.receivedAt) {
      this.settle(this.receivedAt);
      this.receivedAt = receivedAt;
    }
    const scratch = this.scratch;
    for (const run of [this.a, this.b]) {
      const error = receive(run.state, event, run.campaign, receivedAt, scratch, {
        venueGate: true,
      });
      if (error !== null) run.refused++;
      scratch.length = 0;
    }
  }

  /**
   * A person's act at the server's clock `at`, between the events received before it and after
   * it: time settled up to `at` as the server's sweeper had (its clock minus the lateness), then
   * the act on both sides, as the server acted on its engine (disputes/uphold.ts, withdrawal.ts,
   * fulfilment/held-claims.ts). A resolution applies where that side held the claim too, paying
   * what that side's policy gives; a side that paid it at once or never held it is left alone.
   */
  act(act: PersonAct, at: Instant): void {
    this.settle(this.receivedAt);
    this.settle(at);
    const scratch = this.scratch;
    for (const run of [this.a, this.b]) {
      if (act.type === "appeal_upheld") {
        waiveViolation(run.state, act.orderId, act.kind, at, run.campaign, scratch);
      } else if (act.type === "withdrawal") {
        withdraw(run.state, act.merchantId, at, run.campaign, scratch);
      } else {
        const policy = run.campaign.policy.compensation;
        applyClaimResolution(run.state, act.orderId, act.kind, act.decision, policy);
      }
      scratch.length = 0;
    }
  }

  /** The log is read: both settle up to the server's clock `now` minus the lateness. */
  finish(now: Instant): void {
    this.settle(this.receivedAt);
    this.settle(now);
  }

  result(options?: CompareOptions): Comparison {
    return compareRuns(this.a, this.b, options);
  }

  private settle(clock: Instant): void {
    if (clock === Number.NEGATIVE_INFINITY) return;
    const scratch = this.scratch;
    advance(this.a.state, passed(clock - this.sideA.lateness), this.a.campaign, scratch);
    scratch.length = 0;
    advance(this.b.state, passed(clock - this.sideB.lateness), this.b.campaign, scratch);
    scratch.length = 0;
  }
}
