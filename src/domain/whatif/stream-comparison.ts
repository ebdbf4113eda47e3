import type { Campaign } from "../campaign/model.js";
import {
  type ChannelEvent,
  type Decision,
  type EventError,
  readEventCarefully,
  readEventLine,
  StreamClock,
  scanEvent,
  streamEnd,
  streamStep,
} from "../fulfilment/index.js";
import type { CompareOptions, Comparison } from "./compare.js";
import { compareRuns, type PolicyRun, policyRun } from "./policy-run.js";

/** A line refused by one policy, the other, or both (`gala replay`'s error, and by whom). */
export interface LineRefusal {
  line: number;
  error: EventError;
  policy: "a" | "b" | "both";
}

/** How many refused lines a comparison quotes; `badLines` counts them all. */
export const REFUSALS_KEPT = 20;

/**
 * `gala replay --compare` without the I/O: each line read once, its event given to two engines,
 * each with its own state and its own stream clock (`streamStep`, exactly as `gala replay` runs
 * one), and at the end both settled through the last instant (`streamEnd`). So policy B's
 * outcome here is a plain `gala replay` under B's (property-tested). The line methods answer ""
 * (a comparison writes nothing per line), which lets replay's readers drive it as they drive a
 * `ReplaySession`.
 */
export class StreamComparison {
  readonly a: PolicyRun;
  readonly b: PolicyRun;
  /** Lines refused by either policy (or unreadable). */
  badLines = 0;
  readonly refusals: LineRefusal[] = [];
  private readonly clockA: StreamClock;
  private readonly clockB: StreamClock;
  /** The decisions of one event: not needed, the outcome is read from the states at the end. */
  private readonly scratch: Decision[] = [];

  constructor(a: Campaign, b: Campaign, lateness?: number) {
    this.a = policyRun(a);
    this.b = policyRun(b);
    this.clockA = new StreamClock(lateness ?? a.policy.lateness);
    this.clockB = new StreamClock(lateness ?? b.policy.lateness);
  }

  line(text: string, lineNumber: number): string {
    if (isBlank(text)) return "";
    const read = readEventLine(text);
    return "error" in read ? this.refuse(lineNumber, read.error) : this.event(read, lineNumber);
  }

  /** `line` for `text[start..end)` inside a larger string: scanned in place when well formed. */
  lineWithin(text: string, start: number, end: number, lineNumber: number): string {
    const event = scanEvent(text, start, end);
    if (event !== undefined) return this.event(event, lineNumber);
    const line = text.slice(start, end);
    if (isBlank(line)) return "";
    const read = readEventCarefully(line);
    return "error" in read ? this.refuse(lineNumber, read.error) : this.event(read, lineNumber);
  }

  event(event: ChannelEvent, lineNumber: number): string {
    const scratch = this.scratch;
    const ea = streamStep(this.a.state, this.clockA, event, this.a.campaign, scratch);
    if (scratch.length !== 0) scratch.length = 0;
    const eb = streamStep(this.b.state, this.clockB, event, this.b.campaign, scratch);
    if (scratch.length !== 0) scratch.length = 0;
    if (ea === null && eb === null) return "";
    if (ea !== null) this.a.refused++;
    if (eb !== null) this.b.refused++;
    const policy = ea === null ? "b" : eb === null ? "a" : "both";
    this.keep({ line: lineNumber, error: (ea ?? eb)!, policy });
    return "";
  }

  /** A line neither policy could read (bad JSON, a line too long, …). */
  refuse(lineNumber: number, error: EventError): string {
    this.a.refused++;
    this.b.refused++;
    this.keep({ line: lineNumber, error, policy: "both" });
    return "";
  }

  /** The input has ended: both settle through its last instant, as `gala replay` does. */
  finish(): string {
    streamEnd(this.a.state, this.clockA, this.a.campaign, this.scratch);
    this.scratch.length = 0;
    streamEnd(this.b.state, this.clockB, this.b.campaign, this.scratch);
    this.scratch.length = 0;
    return "";
  }

  result(options?: CompareOptions): Comparison {
    return compareRuns(this.a, this.b, options);
  }

  private keep(refusal: LineRefusal): void {
    this.badLines++;
    if (this.refusals.length < REFUSALS_KEPT) this.refusals.push(refusal);
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
