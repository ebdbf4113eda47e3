import type { Campaign, Instant } from "../campaign/model.js";
import { type ArrivalOptions, receive } from "./arrival.js";
import type { ChannelEvent, EventError } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { passed, through } from "./keys.js";
import { settleTarget } from "./settle.js";
import { nextKey, takeAt } from "./settle-queue.js";
import type { FulfilmentState } from "./state.js";

/**
 * The engine: facts × settled time → decisions (docs/interfaces.md, "Time, lateness and corrections"). Deterministic, free
 * of I/O and clock reads; the state is updated in place (the caller owns it).
 *
 * - `receive` records an event's facts (or refuses it, changing nothing) and corrects at `now`
 *   whatever they contradict in time already settled;
 * - `advance` settles time up to a key: every decision due before it is taken, in key order
 *   (deadlines in deadline order, each carrying its deadline as `at`).
 *
 * `gala replay` settles up to the watermark (latest `at` seen − lateness) after each event, and
 * through the latest `at` when the input ends; the server settles up to its clock − lateness.
 */
export { receive } from "./arrival.js";

export function advance(
  state: FulfilmentState,
  bound: number,
  campaign: Campaign,
  out: Decision[],
): void {
  const queue = state.queue;
  for (let key = nextKey(queue); key !== undefined && key < bound; key = nextKey(queue)) {
    const targets = takeAt(queue, key);
    for (let i = 0; i < targets.length; i++) settleTarget(state, targets[i]!, key, campaign, out);
  }
  if (bound > state.settled) state.settled = bound;
}

/**
 * A stream read in arrival order, as `gala replay` reads it: the watermark follows the latest
 * `at` seen (refused events do not count), `lateness` behind.
 */
export class StreamClock {
  latest = Number.NEGATIVE_INFINITY;

  constructor(readonly lateness: number) {}

  /** The instant corrections are made at: the stream's present. */
  now(at: Instant): Instant {
    return at > this.latest ? at : this.latest;
  }
}

/** One event of a stream: received, then time settled up to the new watermark. */
export function streamStep(
  state: FulfilmentState,
  clock: StreamClock,
  event: ChannelEvent,
  campaign: Campaign,
  out: Decision[],
  options?: ArrivalOptions,
): EventError | null {
  const error = receive(state, event, campaign, clock.now(event.at), out, options);
  if (error !== null) return error;
  if (event.at > clock.latest) {
    clock.latest = event.at;
    advance(state, passed(event.at - clock.lateness), campaign, out);
  }
  return null;
}

/** The stream has ended: nothing can come late any more, so time settles through its last event. */
export function streamEnd(
  state: FulfilmentState,
  clock: StreamClock,
  campaign: Campaign,
  out: Decision[],
): void {
  if (clock.latest === Number.NEGATIVE_INFINITY) return;
  advance(state, through(clock.latest), campaign, out);
}
