/** Time is an input: text with an offset in, epoch milliseconds inside, zone-local text out. */

export { BUCKET_MS, foldBucketsIntoDays, type ZoneDays, zoneDays } from "./days.js";
export { DURATION_PATTERN, parseDuration } from "./duration.js";
export { formatWithOffset, type InstantFormatter, instantFormatter } from "./format.js";
export { parseInstant } from "./parse.js";
export { inWindow } from "./window.js";
