import type { Campaign } from "../campaign/model.js";
import { instantFormatter } from "../time/index.js";
import type { Decision } from "./decisions.js";
import type { EventError } from "./events.js";

/**
 * Decisions as the outside sees them: one JSON object per line, `at` printed in the campaign's
 * zone (`2024-02-10T09:00:00+08:00`, milliseconds only when not zero) and the campaign's content
 * hash as `campaign`, so every decision names the rules that produced it.
 */
export type DecisionEncoder = (decision: Decision) => string;

export function decisionEncoder(campaign: Pick<Campaign, "timeZone" | "hash">): DecisionEncoder {
  const format = instantFormatter(campaign.timeZone);
  const hash = campaign.hash;
  return (decision) => JSON.stringify({ ...decision, at: format(decision.at), campaign: hash });
}

/** The contract's line for input it could not use: `{"line": N, "error": {"code", "message"}}`. */
export function errorLine(line: number, error: EventError): string {
  return JSON.stringify({ line, error });
}
