import { nestsDeeperThan, tooDeepMessage } from "../../json/depth.js";
import type { ChannelEvent, EventError } from "./events.js";
import { readEventFast } from "./fast-read.js";
import { scanEvent } from "./scan-event.js";
import { validateCarefully } from "./validate.js";

/**
 * One JSONL line → the event it holds, or why it cannot be used: the scanner first (no
 * `JSON.parse` for a well-formed line), else `JSON.parse`, the fast reader and the careful one,
 * which names the problem. `gala replay` and `gala replay --compare` read lines through it, so a
 * line means the same event, or the same error, to both.
 */
export function readEventLine(text: string): ChannelEvent | { error: EventError } {
  return scanEvent(text) ?? readEventCarefully(text);
}

/** The ordinary path, for a line the scanner did not claim. */
export function readEventCarefully(text: string): ChannelEvent | { error: EventError } {
  // The server refuses such a body whole (400); a replay refuses the line and goes on.
  if (nestsDeeperThan(text)) return { error: { code: "json_too_deep", message: tooDeepMessage() } };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const message = `not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
    return { error: { code: "invalid_json", message } };
  }
  const event = readEventFast(raw);
  if (event !== undefined) return event;
  const checked = validateCarefully(raw);
  return checked.ok ? checked.value : { error: checked.error };
}
