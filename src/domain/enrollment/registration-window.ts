/**
 * `registration.window`: registering is accepted only inside the campaign's registration
 * window; outside it the refusal names the window so the merchant knows when it is (was) open.
 */
import type { Bilingual, Instant, Window } from "../campaign/model.js";
import { inWindow } from "../time/window.js";

export interface WindowClosed {
  code: "registration_window_closed";
  /** `not_open_yet` before the start, `closed` after the end. */
  when: "not_open_yet" | "closed";
  window: Window;
  at: Instant;
  message: Bilingual;
}

export function checkRegistrationWindow(window: Window, now: Instant): WindowClosed | undefined {
  if (inWindow(window, now)) return undefined;
  const when = now < window.start ? "not_open_yet" : "closed";
  const span = `${window.declared.start} → ${window.declared.end} (${window.declared.timeZone})`;
  return {
    code: "registration_window_closed",
    when,
    window,
    at: now,
    message:
      when === "not_open_yet"
        ? {
            zh: `报名尚未开始，报名时间：${span}`,
            en: `registration is not open yet; it runs ${span}`,
          }
        : { zh: `报名已结束，报名时间：${span}`, en: `registration has closed; it ran ${span}` },
  };
}
