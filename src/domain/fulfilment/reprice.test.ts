/**
 * Claims follow the merchant's history (claims.ts, `reevaluateLaterClaims`): a late fact that
 * adds or revokes a violation earlier in that history evaluates every later claim again at
 * `now`. A changed outcome undoes the claim (`reason: "repriced"`) and decides the next
 * revision; the same outcome says nothing; a claim a person resolved stays as the person left it.
 */
import { describe, expect, it } from "vitest";
import type { ClaimRow } from "../campaign/model.js";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { testCampaign } from "./fixtures.js";
import { passed } from "./keys.js";
import { emptyState, type FulfilmentState } from "./state.js";

const HOUR = 3_600_000;
const T0 = Date.parse("2024-02-10T09:00:00+08:00");

const pay = (rateBasisPoints: number) =>
  ({ action: "pay", rateBasisPoints, minFen: 0, maxFen: 100_000 }) as const;
/** A table that weighs history: a first violation pays 5 %, a second 10 %, a third none. */
const HISTORY_TABLE: ClaimRow[] = [
  {
    id: "risky-repeat",
    when: { buyerRisk: ["high"], merchantViolations: { gte: 1 } },
    outcome: { action: "hold", reason: "buyer_risk" },
  },
  { id: "third", when: { merchantViolations: { gte: 2 } }, outcome: { action: "none" } },
  { id: "second", when: { merchantViolations: { gte: 1 } }, outcome: pay(1_000) },
  { id: "first", when: {}, outcome: pay(500) },
];
const campaign = testCampaign({ claims: HISTORY_TABLE });

const listed: ChannelEvent = {
  type: "product.listed",
  at: T0 - HOUR,
  merchantId: "m1",
  productId: "p1",
  shippingGuaranteeHours: 24,
};
/** Paid at `at` and not shipped: late at `at` + 24 h. */
const paid = (orderId: string, at: number, risk: "normal" | "high" = "normal"): ChannelEvent => ({
  type: "order.paid",
  at,
  orderId,
  merchantId: "m1",
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk },
});

/**
 * Clicked at `at` and scanned an hour later, reported scan first (a click reported alone, past
 * its pickup limit, would be a false shipment until the scan came): no violation.
 */
const inTime = (orderId: string, at: number): ChannelEvent[] => [
  { type: "order.picked_up", at: at + HOUR, orderId },
  { type: "order.shipped", at, orderId, trackingNo: `T-${orderId}`, carrier: "SF" },
];

function receiveAt(
  state: FulfilmentState,
  events: ChannelEvent | readonly ChannelEvent[],
  now: number,
): Decision[] {
  const out: Decision[] = [];
  for (const event of Array.isArray(events) ? events : [events]) {
    expect(receive(state, event, campaign, now, out)).toBeNull();
  }
  return out;
}
type ClaimDecision = Extract<Decision, { type: `claim.${string}` }>;
const claims = (out: readonly Decision[]) =>
  out.filter((d): d is ClaimDecision => d.type.startsWith("claim."));
/** Claims as [type, order, rule]; an undone claim names no rule. */
const claimRows = (out: readonly Decision[]) =>
  claims(out).map((d) => [d.type, d.orderId, "rule" in d ? d.rule : null]);

/** o-b, o-c and the high-risk o-h are late at T0 + 25, 26 and 27 h; time settled to T0 + 30 h. */
function threeLate(): FulfilmentState {
  const state = emptyState();
  for (const e of [listed, paid("o-b", T0 + HOUR), paid("o-c", T0 + 2 * HOUR)]) {
    receiveAt(state, e, e.at);
  }
  receiveAt(state, paid("o-h", T0 + 3 * HOUR, "high"), T0 + 3 * HOUR);
  const out: Decision[] = [];
  advance(state, passed(T0 + 30 * HOUR), campaign, out);
  expect(claims(out)).toEqual([
    {
      type: "claim.paid",
      at: T0 + 25 * HOUR,
      orderId: "o-b",
      buyerId: "b-o-b",
      amountFen: 1_000,
      kind: "late_shipment",
      rule: "first",
    },
    {
      type: "claim.paid",
      at: T0 + 26 * HOUR,
      orderId: "o-c",
      buyerId: "b-o-c",
      amountFen: 2_000,
      kind: "late_shipment",
      rule: "second",
    },
    {
      type: "claim.held",
      at: T0 + 27 * HOUR,
      orderId: "o-h",
      buyerId: "b-o-h",
      reason: "buyer_risk",
      kind: "late_shipment",
      rule: "risky-repeat",
    },
  ]);
  return state;
}

describe("re-pricing claims when the history changes", () => {
  const now1 = T0 + 31 * HOUR;
  const now2 = T0 + 32 * HOUR;

  it("a violation added earlier re-prices the later claims; one revoked re-prices them back", () => {
    const state = threeLate();
    // A payment reported late, due before all three: in force at once, first in the history.
    const added = receiveAt(state, paid("o-a", T0), now1);
    expect(claims(added)).toEqual([
      {
        type: "claim.paid",
        at: T0 + 24 * HOUR,
        orderId: "o-a",
        buyerId: "b-o-a",
        amountFen: 1_000,
        kind: "late_shipment",
        rule: "first",
      },
      {
        type: "claim.reversed",
        at: now1,
        orderId: "o-b",
        buyerId: "b-o-b",
        kind: "late_shipment",
        amountFen: 1_000,
        reason: "repriced",
      },
      {
        type: "claim.paid",
        at: now1,
        orderId: "o-b",
        buyerId: "b-o-b",
        amountFen: 2_000,
        kind: "late_shipment",
        rule: "second",
        revision: 1,
      },
      // o-c now comes third: no claim at all.
      {
        type: "claim.reversed",
        at: now1,
        orderId: "o-c",
        buyerId: "b-o-c",
        kind: "late_shipment",
        amountFen: 2_000,
        reason: "repriced",
      },
      // o-h is held either way: nothing to say.
    ]);
    expect(state.orders.get("o-c")!.claim).toStrictEqual({
      kind: "late_shipment",
      status: "none",
      amountFen: 0,
      revision: 1,
    });

    // o-a was shipped in time after all: its violation goes, and the history is as before.
    const revoked = receiveAt(state, inTime("o-a", T0 + HOUR), now2);
    expect(claims(revoked)).toEqual([
      {
        type: "claim.reversed",
        at: now2,
        orderId: "o-a",
        buyerId: "b-o-a",
        kind: "late_shipment",
        amountFen: 1_000,
      },
      {
        type: "claim.reversed",
        at: now2,
        orderId: "o-b",
        buyerId: "b-o-b",
        kind: "late_shipment",
        amountFen: 2_000,
        revision: 1,
        reason: "repriced",
      },
      {
        type: "claim.paid",
        at: now2,
        orderId: "o-b",
        buyerId: "b-o-b",
        amountFen: 1_000,
        kind: "late_shipment",
        rule: "first",
        revision: 2,
      },
      // From no claim to one: nothing to undo, the next revision paid.
      {
        type: "claim.paid",
        at: now2,
        orderId: "o-c",
        buyerId: "b-o-c",
        amountFen: 2_000,
        kind: "late_shipment",
        rule: "second",
        revision: 2,
      },
    ]);
    expect(state.orders.get("o-b")!.claim).toStrictEqual({
      kind: "late_shipment",
      status: "paid",
      amountFen: 1_000,
      revision: 2,
    });
  });

  it("a violation whose claim was re-priced to none is revoked with no claim to undo", () => {
    const state = threeLate();
    receiveAt(state, paid("o-a", T0), now1);
    expect(state.orders.get("o-c")!.claim).toMatchObject({ status: "none" });
    const out = receiveAt(state, inTime("o-c", T0 + 3 * HOUR), now2);
    // Four violations to three: the weight's last step holds, o-h is held either way.
    expect(out.map((d) => [d.type, "orderId" in d ? d.orderId : null])).toEqual([
      ["violation.revoked", "o-c"],
    ]);
    expect(state.orders.get("o-c")!.claim).toBeNull();
  });

  it("a held claim that the history no longer holds is withdrawn, then paid", () => {
    const state = threeLate();
    // o-b shipped in time after all: o-h now follows one violation only, still held; and o-c
    // none. Then o-c too: o-h comes first, and a first violation is paid whatever the risk.
    receiveAt(state, inTime("o-b", T0 + 2 * HOUR), now1);
    const out = receiveAt(state, inTime("o-c", T0 + 3 * HOUR), now2);
    expect(claims(out)).toEqual([
      {
        type: "claim.reversed",
        at: now2,
        orderId: "o-c",
        buyerId: "b-o-c",
        kind: "late_shipment",
        amountFen: 1_000,
        revision: 1,
      },
      {
        type: "claim.withdrawn",
        at: now2,
        orderId: "o-h",
        buyerId: "b-o-h",
        kind: "late_shipment",
        reason: "repriced",
      },
      {
        type: "claim.paid",
        at: now2,
        orderId: "o-h",
        buyerId: "b-o-h",
        amountFen: 1_000,
        kind: "late_shipment",
        rule: "first",
        revision: 1,
      },
    ]);
  });

  it("a claim a person paid or declined stays as the person left it", () => {
    const state = threeLate();
    // As the server records a person's resolution (app/fulfilment/held-claims.ts).
    state.orders.get("o-h")!.claim = {
      kind: "late_shipment",
      status: "paid",
      amountFen: 1_000,
      byPerson: true,
    };
    state.orders.get("o-c")!.claim = {
      kind: "late_shipment",
      status: "declined",
      amountFen: 0,
    };
    const out = receiveAt(state, inTime("o-b", T0 + 2 * HOUR), now1);
    // Only o-b's own claim moves: o-c (now first) and o-h (now second) are left alone.
    expect(claims(out).map((d) => [d.type, d.orderId])).toEqual([["claim.reversed", "o-b"]]);
  });

  it("at one deadline, the history runs by order id, whatever order the facts came in", () => {
    const state = emptyState();
    receiveAt(state, [listed, paid("o-m", T0)], T0);
    const out: Decision[] = [];
    advance(state, passed(T0 + 25 * HOUR), campaign, out);
    expect(claimRows(out)).toEqual([["claim.paid", "o-m", "first"]]);
    // Same deadline, reported late: o-z comes after o-m (nothing to re-price), o-a before it.
    const z = receiveAt(state, paid("o-z", T0), now1);
    expect(claimRows(z)).toEqual([["claim.paid", "o-z", "second"]]);
    const a = receiveAt(state, paid("o-a", T0), now2);
    expect(claimRows(a)).toEqual([
      ["claim.paid", "o-a", "first"],
      ["claim.reversed", "o-m", null],
      ["claim.paid", "o-m", "second"],
      ["claim.reversed", "o-z", null],
    ]);
    expect(state.merchants.get("m1")!.inForce).toEqual([
      [T0 + 24 * HOUR, "o-a"],
      [T0 + 24 * HOUR, "o-m"],
      [T0 + 24 * HOUR, "o-z"],
    ]);
    // o-m shipped in time after all: only it leaves the history; o-z moves up to second.
    const m = receiveAt(state, inTime("o-m", T0 + HOUR), now2 + HOUR);
    expect(claimRows(m)).toEqual([
      ["claim.reversed", "o-m", null],
      ["claim.paid", "o-z", "second"],
    ]);
    expect(state.merchants.get("m1")!.inForce).toEqual([
      [T0 + 24 * HOUR, "o-a"],
      [T0 + 24 * HOUR, "o-z"],
    ]);
  });

  it("a later claim whose order is not loaded is left for the server to load", () => {
    const state = threeLate();
    // The server's working set: the merchant's history names o-b, whose row was not loaded.
    state.orders.delete("o-b");
    const out = receiveAt(state, paid("o-a", T0), now1);
    expect(claimRows(out)).toEqual([
      ["claim.paid", "o-a", "first"],
      ["claim.reversed", "o-c", null],
    ]);
  });

  it("the same outcome says nothing; no claim at first can become one", () => {
    const table: ClaimRow[] = [
      { id: "fifth", when: { merchantViolations: { gte: 5 } }, outcome: pay(1_000) },
      {
        id: "first-free",
        when: { merchantViolations: { lt: 1 }, buyerRisk: ["high"] },
        outcome: { action: "none" },
      },
      { id: "standard", when: {}, outcome: pay(500) },
    ];
    const c = testCampaign({ claims: table });
    const state = emptyState();
    const out: Decision[] = [];
    for (const e of [listed, paid("o-h", T0 + HOUR, "high"), paid("o-b", T0 + 2 * HOUR)]) {
      receive(state, e, c, e.at, out);
    }
    advance(state, passed(T0 + 30 * HOUR), c, out);
    expect(claimRows(out)).toEqual([["claim.paid", "o-b", "standard"]]);
    expect(state.orders.get("o-h")!.claim).toBeNull();
    // o-a comes first now: o-b stays standard (nothing said), o-h's history makes it pay.
    const late: Decision[] = [];
    receive(state, paid("o-a", T0, "high"), c, now1, late);
    expect(claimRows(late)).toEqual([["claim.paid", "o-h", "standard"]]);
    expect(late.find((d) => d.type === "claim.paid")).toMatchObject({ revision: 1, at: now1 });
    expect(state.orders.get("o-b")!.claim).toStrictEqual({
      kind: "late_shipment",
      status: "paid",
      amountFen: 1_000,
    });
    expect(state.orders.get("o-a")!.claim).toBeNull();
  });

  it("a table that does not weigh history re-prices nothing", () => {
    const flat = testCampaign();
    const state = emptyState();
    const out: Decision[] = [];
    for (const e of [listed, paid("o-b", T0 + HOUR), paid("o-c", T0 + 2 * HOUR)]) {
      receive(state, e, flat, e.at, out);
    }
    advance(state, passed(T0 + 30 * HOUR), flat, out);
    const late: Decision[] = [];
    receive(state, paid("o-a", T0), flat, now1, late);
    expect(claims(late).map((d) => [d.type, d.orderId])).toEqual([["claim.paid", "o-a"]]);
  });
});
