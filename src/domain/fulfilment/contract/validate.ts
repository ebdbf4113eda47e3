import type { z } from "zod";
import type { ChannelEvent, Checked, EventError, EventType } from "./events.js";
import { readEventFast } from "./fast-read.js";
import { isRecord, show } from "./fields.js";
import { EVENT_SCHEMAS, EVENT_TYPES, INVALID_TIME } from "./schema.js";

/**
 * One raw event (parsed JSON) → a typed event, or the first problem as `{code, message, field}`.
 * Never throws. Extra fields (an `id`, annotations) are ignored; only contract fields are copied.
 * The hot path (`readEventFast`) reads a well-formed event; anything it declines is parsed with
 * the contract's schema (`schema.ts`) to name the problem.
 */
export function validateEvent(raw: unknown): Checked<ChannelEvent> {
  const fast = readEventFast(raw);
  return fast === undefined ? validateCarefully(raw) : { ok: true, value: fast };
}

const TYPES: readonly string[] = EVENT_TYPES;
const TYPE_LIST = EVENT_TYPES.join(", ");

/**
 * The event parsed with its type's schema; the first problem, in the order the contract lists the
 * fields (`type`, `at`, then the type's own), named with its code: `invalid_event` (not an
 * object), `unknown_type` (a type that is not an event type), `missing_field`, `invalid_time`
 * (`at` is text but no time with an offset) or `invalid_field`.
 */
export function validateCarefully(raw: unknown): Checked<ChannelEvent> {
  if (!isRecord(raw)) {
    return refuse({
      code: "invalid_event",
      message: `an event must be a JSON object, got ${show(raw)}`,
    });
  }
  const type = raw.type;
  if (typeof type === "string" && !TYPES.includes(type)) {
    const message = `type ${show(type)} is not an event type; expected one of ${TYPE_LIST}`;
    return refuse({ code: "unknown_type", message, field: "type" });
  }
  if (type === undefined) {
    return refuse({ code: "missing_field", message: "type is required", field: "type" });
  }
  if (typeof type !== "string") {
    const message = `type must be one of ${TYPE_LIST}, got ${show(type)}`;
    return refuse({ code: "invalid_field", message, field: "type" });
  }
  const parsed = EVENT_SCHEMAS[type as EventType].safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data };
  return refuse(eventError(raw, parsed.error.issues[0]!));
}

function refuse(error: EventError): Checked<ChannelEvent> {
  return { ok: false, error };
}

/** A schema's issue as the event error Gala answers: the code read off the issue and the input. */
function eventError(raw: Record<string, unknown>, issue: z.core.$ZodIssue): EventError {
  const field = issue.path.join(".");
  let value: unknown = raw;
  for (const key of issue.path) value = isRecord(value) ? value[key as string] : undefined;
  const custom =
    issue.code === "custom" ? (issue.params as { code?: string } | undefined) : undefined;
  const code =
    custom?.code === INVALID_TIME
      ? INVALID_TIME
      : value === undefined
        ? "missing_field"
        : "invalid_field";
  return { code, message: issue.message, field };
}
