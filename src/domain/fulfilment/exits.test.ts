/**
 * A merchant's final exit (an exception report in the window, a withdrawal): the earliest one
 * counts, it takes effect once time is settled past it (a withdrawal at once), and once applied
 * an earlier report only corrects the record of when.
 */
import { describe, expect, it } from "vitest";
import { withdraw } from "./arrival.js";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { testCampaign } from "./fixtures.js";
import { eventKey, passed } from "./keys.js";
import { loadState, snapshotState } from "./snapshot.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const HOUR = 3_600_000;
const T0 = Date.parse("2024-02-10T09:00:00+08:00");

const report = (at: number, merchantId = "m1"): ChannelEvent => ({
  type: "merchant.exception_report",
  at,
  merchantId,
  reason: "停工",
});

function receiveAt(state: FulfilmentState, event: ChannelEvent, now = event.at): Decision[] {
  const out: Decision[] = [];
  expect(receive(state, event, campaign, now, out)).toBeNull();
  return out;
}
function settle(state: FulfilmentState, bound: number): Decision[] {
  const out: Decision[] = [];
  advance(state, bound, campaign, out);
  return out;
}

describe("final exits", () => {
  it("a report takes effect once time passes it, at its own instant", () => {
    const state = emptyState();
    expect(receiveAt(state, report(T0 + HOUR))).toEqual([]);
    expect(settle(state, passed(T0 + HOUR))).toEqual([]);
    expect(settle(state, passed(T0 + HOUR + 1))).toEqual([
      { type: "merchant.exited", at: T0 + HOUR, merchantId: "m1", reason: "exception_report" },
    ]);
    expect(state.merchants.get("m1")).toMatchObject({
      status: "exited",
      exitedAt: T0 + HOUR,
      exitReason: "exception_report",
      finalApplied: true,
      nextKey: null,
    });
  });

  it("an earlier report, pending still, moves the exit earlier; a later one changes nothing", () => {
    const state = emptyState();
    receiveAt(state, report(T0 + 2 * HOUR));
    receiveAt(state, report(T0 + HOUR));
    receiveAt(state, report(T0 + 3 * HOUR));
    expect(state.merchants.get("m1")!.nextKey).toBe(eventKey(T0 + HOUR));
    expect(settle(state, passed(T0 + 4 * HOUR))).toEqual([
      { type: "merchant.exited", at: T0 + HOUR, merchantId: "m1", reason: "exception_report" },
    ]);
  });

  it("a pending report survives a snapshot", () => {
    const state = emptyState();
    receiveAt(state, report(T0 + HOUR));
    const resumed = loadState(JSON.parse(JSON.stringify(snapshotState(state))));
    expect(settle(resumed, passed(T0 + 2 * HOUR))).toEqual([
      { type: "merchant.exited", at: T0 + HOUR, merchantId: "m1", reason: "exception_report" },
    ]);
  });

  it("once out for good, an earlier report corrects when, and announces nothing", () => {
    const state = emptyState();
    receiveAt(state, report(T0 + 2 * HOUR));
    settle(state, passed(T0 + 3 * HOUR));
    expect(receiveAt(state, report(T0 + HOUR), T0 + 3 * HOUR)).toEqual([]);
    expect(state.merchants.get("m1")!.finalExit).toEqual({
      at: T0 + HOUR,
      reason: "exception_report",
    });
    // A withdrawal after that changes nothing either.
    const out: Decision[] = [];
    withdraw(state, "m1", T0 + 4 * HOUR, campaign, out);
    expect(out).toEqual([]);
    expect(state.merchants.get("m1")!.finalExit).toEqual({
      at: T0 + HOUR,
      reason: "exception_report",
    });
    expect(state.merchants.get("m1")).toMatchObject({ exitReason: "exception_report" });
  });

  it("a withdrawal takes effect at once, even ahead of the settled time, and keeps its reason", () => {
    const state = emptyState();
    const out: Decision[] = [];
    withdraw(state, "m1", T0, campaign, out);
    expect(out).toEqual([
      { type: "merchant.exited", at: T0, merchantId: "m1", reason: "withdrew" },
    ]);
    // An earlier report reported afterwards: the exit stands, with its reason.
    expect(receiveAt(state, report(T0 - HOUR), T0 + HOUR)).toEqual([]);
    expect(state.merchants.get("m1")!.finalExit).toEqual({ at: T0 - HOUR, reason: "withdrew" });
    expect(settle(state, passed(T0 + 10 * HOUR))).toEqual([]);
  });

  it("a withdrawal in the past, with time settled beyond it, is announced at its instant", () => {
    const state = emptyState();
    settle(state, passed(T0 + 10 * HOUR));
    const out: Decision[] = [];
    withdraw(state, "m2", T0, campaign, out);
    expect(out).toEqual([
      { type: "merchant.exited", at: T0, merchantId: "m2", reason: "withdrew" },
    ]);
    expect(state.settled).toBe(passed(T0 + 10 * HOUR));
  });
});
