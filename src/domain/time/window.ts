import type { Instant, Window } from "../campaign/model.js";

/**
 * Whether an instant is inside a campaign window. Both ends are inside, to the second: the end is
 * stored as `…23:59:59.000` and everything up to `…23:59:59.999` still belongs to that second.
 */
export function inWindow(window: Window, instant: Instant): boolean {
  return instant >= window.start && instant < window.end + 1000;
}
