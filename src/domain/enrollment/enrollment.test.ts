import { describe, expect, it } from "vitest";
import type { Window } from "../campaign/model.js";
import {
  checkRegistrationWindow,
  dueRange,
  dueStatus,
  REGISTRATION_STATES,
  reviewDueAt,
  transition,
} from "./index.js";

const H = 3_600_000;

describe("transition table", () => {
  it("judges a registration at once: pass → pending_review, fail → rejected", () => {
    expect(transition("none", "register_pass")).toEqual({
      ok: true,
      from: "none",
      to: "pending_review",
    });
    expect(transition("none", "register_fail")).toMatchObject({ ok: true, to: "rejected" });
  });

  it("lets a rejected product register again after its facts are fixed", () => {
    expect(transition("rejected", "register_pass")).toMatchObject({
      ok: true,
      to: "pending_review",
    });
    expect(transition("rejected", "register_fail")).toMatchObject({ ok: true, to: "rejected" });
  });

  it("reviews only what is pending", () => {
    expect(transition("pending_review", "approve")).toMatchObject({ ok: true, to: "approved" });
    expect(transition("pending_review", "reject")).toMatchObject({
      ok: true,
      to: "rejected_at_review",
    });
    for (const from of ["none", "rejected", "approved", "rejected_at_review"] as const) {
      for (const action of ["approve", "reject"] as const) {
        const t = transition(from, action);
        expect(t.ok).toBe(false);
        if (!t.ok)
          expect(t.refusal.code).toBe(from === "none" ? "not_registered" : "not_pending_review");
      }
    }
  });

  it("refuses registering again with a reason saying why, in both languages", () => {
    const cases = [
      ["pending_review", "already_pending_review"],
      ["approved", "already_approved"],
      ["rejected_at_review", "rejected_at_review_replace_it"],
    ] as const;
    for (const [from, code] of cases) {
      const t = transition(from, "register_pass");
      expect(t).toMatchObject({ ok: false, refusal: { code, state: from } });
      if (!t.ok) {
        expect(t.refusal.message.zh).not.toBe("");
        expect(t.refusal.message.en).not.toBe("");
      }
    }
  });

  it("never lands outside the known states", () => {
    for (const from of ["none", ...REGISTRATION_STATES] as const) {
      for (const action of ["register_pass", "register_fail", "approve", "reject"] as const) {
        const t = transition(from, action);
        if (t.ok) expect(REGISTRATION_STATES).toContain(t.to);
      }
    }
  });
});

describe("review SLA", () => {
  it("is due 72 h after registration", () => {
    expect(reviewDueAt(1_000, 72)).toBe(1_000 + 72 * H);
  });

  it("classifies against now: on time at the due instant, overdue one ms after", () => {
    const due = 100 * H;
    expect(dueStatus(due, due)).toBe("due_soon");
    expect(dueStatus(due, due + 1)).toBe("overdue");
    expect(dueStatus(due, due - 24 * H)).toBe("due_soon");
    expect(dueStatus(due, due - 24 * H - 1)).toBe("on_track");
  });

  it("turns a filter into inclusive query bounds that agree with dueStatus", () => {
    const now = 50 * H;
    expect(dueRange("overdue", now)).toEqual({ atOrBefore: now - 1 });
    expect(dueRange("due_soon", now)).toEqual({ atOrAfter: now, atOrBefore: now + 24 * H });
  });
});

describe("registration window", () => {
  const window: Window = {
    start: Date.UTC(2024, 0, 8, 16, 0, 0),
    end: Date.UTC(2024, 1, 16, 15, 59, 59),
    declared: {
      start: "2024-01-09 00:00:00",
      end: "2024-02-16 23:59:59",
      timeZone: "Asia/Shanghai",
    },
  };

  it("is open from the first to the last whole second, both inclusive", () => {
    expect(checkRegistrationWindow(window, window.start)).toBeUndefined();
    expect(checkRegistrationWindow(window, window.end + 999)).toBeUndefined();
  });

  it("names the window when refusing before and after", () => {
    expect(checkRegistrationWindow(window, window.start - 1)).toMatchObject({
      code: "registration_window_closed",
      when: "not_open_yet",
      window,
    });
    const late = checkRegistrationWindow(window, window.end + 1000);
    expect(late).toMatchObject({ when: "closed" });
    expect(late?.message.en).toContain("2024-02-16 23:59:59");
  });
});
