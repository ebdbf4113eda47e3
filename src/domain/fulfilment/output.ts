import type { Campaign } from "../campaign/model.js";
import { instantFormatter } from "../time/index.js";
import type { EventError } from "./contract/events.js";
import type { Decision } from "./decisions.js";

/**
 * Decisions as the outside sees them: one JSON object per line, `at` printed in the campaign's
 * zone (`2024-02-10T09:00:00+08:00`, milliseconds only when not zero) and the campaign's content
 * hash as `campaign`, so every decision names the rules that produced it.
 *
 * Written by hand rather than with `JSON.stringify({...decision})`: decisions are flat objects of
 * strings, numbers and booleans, and a replay encodes one for every few events. The output is
 * byte-for-byte what `JSON.stringify` gives (a test holds them together).
 */
export type DecisionEncoder = (decision: Decision) => string;

export function decisionEncoder(campaign: Pick<Campaign, "timeZone" | "hash">): DecisionEncoder {
  const format = instantFormatter(campaign.timeZone);
  const tail = `,"campaign":${JSON.stringify(campaign.hash)}}`;
  // The decisions of one event share their instant; format it once.
  let lastInstant = Number.NaN;
  let lastText = "";
  return (decision) => {
    if (decision.at !== lastInstant) {
      lastInstant = decision.at;
      lastText = format(decision.at);
    }
    let json = `{"type":"${decision.type}","at":"${lastText}"`;
    for (const key in decision) {
      if (key === "type" || key === "at") continue;
      const value = (decision as unknown as Record<string, unknown>)[key];
      json += `,"${key}":${typeof value === "string" ? quote(value) : JSON.stringify(value)}`;
    }
    return json + tail;
  };
}

/** A JSON string literal; plain text (the usual id) skips `JSON.stringify`. */
function quote(text: string): string {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff))
      return JSON.stringify(text);
  }
  return `"${text}"`;
}

/** The contract's line for input it could not use: `{"line": N, "error": {"code", "message"}}`. */
export function errorLine(line: number, error: EventError): string {
  return JSON.stringify({ line, error });
}
