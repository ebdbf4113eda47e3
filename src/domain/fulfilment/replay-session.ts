import type { Campaign } from "../campaign/model.js";
import { stepRaw } from "./engine.js";
import { decisionEncoder, errorLine } from "./output.js";
import { emptyState, type FulfilmentState } from "./state.js";

/**
 * `gala replay` without the I/O: one JSONL input line in, the JSONL text it produces out
 * (decisions in the order taken, or one error line). Blank lines are skipped; they are not events.
 * Time moves only with events, so nothing fires after the last one.
 */
export class ReplaySession {
  /** Input lines refused so far (bad JSON, bad fields, refused by the state). */
  errors = 0;
  private readonly encode;

  constructor(
    private readonly campaign: Campaign,
    public state: FulfilmentState = emptyState(),
  ) {
    this.encode = decisionEncoder(campaign);
  }

  /** `lineNumber` counts input lines from 1; the result is "" or complete lines ending in "\n". */
  line(text: string, lineNumber: number): string {
    if (isBlank(text)) return "";
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      this.errors++;
      const message = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
      return `${errorLine(lineNumber, { code: "invalid_json", message })}\n`;
    }
    const result = stepRaw(this.state, raw, this.campaign);
    if (result.error !== undefined) {
      this.errors++;
      return `${errorLine(lineNumber, result.error)}\n`;
    }
    let out = "";
    for (const decision of result.decisions) out += `${this.encode(decision)}\n`;
    return out;
  }
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}
