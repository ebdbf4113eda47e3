import type { Campaign } from "../campaign/model.js";
import type { ChannelEvent, EventError } from "./contract/events.js";
import { readEventCarefully } from "./contract/read-line.js";
import { scanEvent } from "./contract/scan-event.js";
import type { Decision } from "./decisions.js";
import { StreamClock, streamEnd, streamStep } from "./engine.js";
import { decisionEncoder, errorLine } from "./output.js";
import { emptyState, type FulfilmentState } from "./state.js";

/**
 * `gala replay` without the I/O: one JSONL input line in, the JSONL text it produces out
 * (decisions in the order taken, or one error line); `finish` when the input ends. Blank lines
 * are skipped; they are not events. Events may come in any order: the watermark is the latest
 * `at` seen minus the lateness (the campaign's, or `lateness` given), and when the input ends
 * time settles through the latest `at` — nothing fires after the last event's instant.
 */
export class ReplaySession {
  /** Input lines refused so far (bad JSON, bad fields, refused by the state). */
  errors = 0;
  private readonly encode;
  /** Reused for every line: the decisions of one event, encoded before the next one comes. */
  // Stryker disable next-line ArrayDeclaration: emptied before every use
  private readonly decisions: Decision[] = [];

  private readonly clock: StreamClock;

  constructor(
    private readonly campaign: Campaign,
    public state: FulfilmentState = emptyState(),
    lateness: number = campaign.policy.lateness,
  ) {
    this.encode = decisionEncoder(campaign);
    this.clock = new StreamClock(lateness);
  }

  /** `lineNumber` counts input lines from 1; the result is "" or complete lines ending in "\n". */
  line(text: string, lineNumber: number): string {
    if (isBlank(text)) return "";
    // Well-formed event lines are read by the scanner; anything it does not claim takes the
    // ordinary path, which names the problem (same event either way: see scan-event.ts).
    const event = scanEvent(text);
    return event === undefined
      ? this.readCarefully(text, lineNumber)
      : this.event(event, lineNumber);
  }

  /**
   * `line` for the line `text[start..end)` inside a larger string (the reader's input chunk),
   * which must end there with a line feed or with the string: a well-formed line is scanned
   * in place, without being copied out; any other is copied out and read by `line`'s path.
   */
  lineWithin(text: string, start: number, end: number, lineNumber: number): string {
    const event = scanEvent(text, start, end);
    if (event !== undefined) return this.event(event, lineNumber);
    const line = text.slice(start, end);
    return isBlank(line) ? "" : this.readCarefully(line, lineNumber);
  }

  /** The ordinary path: JSON.parse, the fast reader, then the careful one to name a problem. */
  private readCarefully(text: string, lineNumber: number): string {
    const read = readEventCarefully(text);
    return "error" in read ? this.refuse(lineNumber, read.error) : this.event(read, lineNumber);
  }

  /** An event already read (by the scanner here or on another thread): what its line answers. */
  event(event: ChannelEvent, lineNumber: number): string {
    const decisions = this.decisions;
    // Most events decide nothing: skip the length setter (a builtin call) when already empty.
    if (decisions.length !== 0) decisions.length = 0;
    const error = streamStep(this.state, this.clock, event, this.campaign, decisions);
    if (error !== null) return this.refuse(lineNumber, error);
    return this.encoded();
  }

  /** The input has ended: what settling through its last instant decides. */
  finish(): string {
    this.decisions.length = 0;
    streamEnd(this.state, this.clock, this.campaign, this.decisions);
    return this.encoded();
  }

  private encoded(): string {
    const decisions = this.decisions;
    let out = "";
    for (let i = 0; i < decisions.length; i++) out += `${this.encode(decisions[i]!)}\n`;
    return out;
  }

  private refuse(lineNumber: number, error: EventError): string {
    this.errors++;
    return `${errorLine(lineNumber, error)}\n`;
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
