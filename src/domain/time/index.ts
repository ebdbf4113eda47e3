/** Time is an input: text with an offset in, epoch milliseconds inside, zone-local text out. */
export { formatWithOffset, type InstantFormatter, instantFormatter } from "./format.js";
export { parseInstant } from "./parse.js";
export { inWindow } from "./window.js";
