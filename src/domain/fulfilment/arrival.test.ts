/**
 * Arrival readings the other tests leave alone: a payment on a product never (or not yet)
 * listed, the server's venue reading of a campaign order, and an offline scan that comes before
 * the online click.
 */
import { describe, expect, it } from "vitest";
import { settleTouched } from "./arrival.js";
import type { ChannelEvent } from "./contract/events.js";
import type { Decision } from "./decisions.js";
import { advance, receive } from "./engine.js";
import { replayEvents, testCampaign } from "./fixtures.js";
import { passed } from "./keys.js";
import type { Target } from "./settle-queue.js";
import { emptyState, type FulfilmentState } from "./state.js";

const campaign = testCampaign();
const HOUR = 3_600_000;
const T0 = Date.parse("2024-02-10T09:00:00+08:00");
const iso = (ms: number) => new Date(ms).toISOString();

const listed = (at: number, hours: number | null = 24, merchantId = "m1"): ChannelEvent => ({
  type: "product.listed",
  at,
  merchantId,
  productId: "p1",
  shippingGuaranteeHours: hours,
});
const paid = (orderId: string, at: number, merchantId = "m1"): ChannelEvent => ({
  type: "order.paid",
  at,
  orderId,
  merchantId,
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: "normal" },
});
const shipped = (at: number, orderId = "o1"): ChannelEvent => ({
  type: "order.shipped",
  at,
  orderId,
  trackingNo: "SF1",
  carrier: "SF",
});
const scanned = (at: number, orderId = "o1"): ChannelEvent => ({
  type: "order.picked_up",
  at,
  orderId,
});
const refund = (at: number, orderId = "o1"): ChannelEvent => ({
  type: "refund.requested",
  at,
  orderId,
  refundId: `r-${orderId}`,
  amountFen: 20_000,
  kind: "refund_only",
});

/** The server's way: each event at its own instant with the venue reading, then time settled. */
function serve(events: readonly ChannelEvent[], until: number, c = campaign): Decision[] {
  const state: FulfilmentState = emptyState();
  const out: Decision[] = [];
  for (const e of events) {
    expect(receive(state, e, c, e.at, out, { venueGate: true })).toBeNull();
  }
  advance(state, passed(until), c, out);
  return out;
}
const brief = (out: readonly Decision[]) =>
  out.map((d) => [d.type, "orderId" in d ? d.orderId : d.merchantId, d.at]);
/** A replay's decisions as [type, epoch ms] (replay writes instants in the campaign's zone). */
const timed = (out: ReadonlyArray<Record<string, unknown>>) =>
  out.map((d) => [d.type, Date.parse(String(d.at))]);
/** As `replayEvents` wants them: ISO instants. */
const lines = (events: readonly ChannelEvent[]) => events.map((e) => ({ ...e, at: iso(e.at) }));

describe("a payment on a product never listed", () => {
  it("replay: owes the policy's default guarantee, counts against the merchant, weighs no listing", () => {
    const strict = testCampaign({ exit: { maxViolations: 1 } });
    const out = replayEvents(strict, [
      ...lines([paid("o1", T0)]),
      { type: "clock", at: iso(T0 + 72 * HOUR) },
    ]);
    const due = T0 + 48 * HOUR; // the default 48 h, not the 24 h a listing would say
    expect(timed(out)).toEqual([
      ["violation.recorded", due],
      ["claim.paid", due],
      ["merchant.exited", due],
    ]);
    expect(out[0]).toMatchObject({ productId: "p1", merchantId: "m1", kind: "late_shipment" });
  });

  it("replay: a listing reported after the default deadline fired moves the violation", () => {
    const out = replayEvents(campaign, [
      ...lines([paid("o1", T0)]),
      { type: "clock", at: iso(T0 + 50 * HOUR) },
      ...lines([listed(T0 - HOUR, 24)]),
    ]);
    // Recorded at the default 48 h; the listing says 24 h: revoked, recorded again at 24 h, and
    // counted against the listing. The claim follows its violation.
    expect(out.map((d) => [d.type, Date.parse(String(d.at)), d.reason ?? null])).toEqual([
      ["violation.recorded", T0 + 48 * HOUR, null],
      ["claim.paid", T0 + 48 * HOUR, null],
      ["listing.weight_changed", T0 + 50 * HOUR, null],
      ["violation.revoked", T0 + 50 * HOUR, "late_event"],
      ["claim.reversed", T0 + 50 * HOUR, null],
      ["listing.weight_changed", T0 + 50 * HOUR, null],
      ["violation.recorded", T0 + 24 * HOUR, null],
      ["claim.paid", T0 + 24 * HOUR, null],
      ["listing.weight_changed", T0 + 24 * HOUR, null],
    ]);
  });

  it("replay: a listing that dates from after a payment reported later leaves the default", () => {
    const out = replayEvents(campaign, [
      ...lines([listed(T0 + HOUR, 24), paid("o1", T0)]),
      { type: "clock", at: iso(T0 + 50 * HOUR) },
    ]);
    expect(timed(out).map(([type, at]) => [type, at])).toEqual([
      ["violation.recorded", T0 + 48 * HOUR],
      ["claim.paid", T0 + 48 * HOUR],
      ["listing.weight_changed", T0 + 48 * HOUR],
    ]);
  });

  it("server: is no campaign order, so nothing is decided on it", () => {
    expect(serve([paid("o1", T0)], T0 + 96 * HOUR)).toEqual([]);
  });

  it("replay: a listing reported later that dates from before the payment gives its guarantee", () => {
    const out = replayEvents(campaign, [
      ...lines([paid("o1", T0), listed(T0 - HOUR, 24)]),
      { type: "clock", at: iso(T0 + 30 * HOUR) },
    ]);
    const due = T0 + 24 * HOUR;
    expect(timed(out)).toEqual([
      ["violation.recorded", due],
      ["claim.paid", due],
      ["listing.weight_changed", due],
    ]);
  });

  it("replay: a listing that dates from after the payment leaves the default guarantee", () => {
    const out = replayEvents(campaign, [
      ...lines([paid("o1", T0), listed(T0 + HOUR, 24)]),
      { type: "clock", at: iso(T0 + 30 * HOUR) },
      { type: "clock", at: iso(T0 + 50 * HOUR) },
    ]);
    const due = T0 + 48 * HOUR;
    // Recorded after the listing: the listing's count includes it.
    expect(timed(out)).toEqual([
      ["violation.recorded", due],
      ["claim.paid", due],
      ["listing.weight_changed", due],
    ]);
  });

  it("server: a listing reported later that dates from before the payment makes it a campaign order", () => {
    const events = [paid("o1", T0), paid("o2", T0 + 2 * HOUR), listed(T0 + HOUR, 24)];
    // o1 was paid before the listing: still no campaign order. o2 owes the listing's 24 h.
    expect(brief(serve(events, T0 + 96 * HOUR))).toEqual([
      ["violation.recorded", "o2", T0 + 26 * HOUR],
      ["claim.paid", "o2", T0 + 26 * HOUR],
      ["listing.weight_changed", "m1", T0 + 26 * HOUR],
    ]);
  });

  it("server: a listing by another merchant, or a payment outside the window, stays outside", () => {
    const elsewhere = [paid("o1", T0), listed(T0 - HOUR, 24, "m2")];
    expect(serve(elsewhere, T0 + 96 * HOUR)).toEqual([]);
    const early = Date.parse("2024-02-08T23:00:00+08:00"); // before the activity window
    expect(serve([paid("o1", early), listed(early - HOUR, 24)], early + 96 * HOUR)).toEqual([]);
  });

  it("server: a payment on a product listed at that very instant is a campaign order", () => {
    const out = serve([listed(T0, 24), paid("o1", T0)], T0 + 30 * HOUR);
    expect(brief(out)[0]).toEqual(["violation.recorded", "o1", T0 + 24 * HOUR]);
  });
});

describe("an offline scan before the online click", () => {
  it("is the carrier's scan: a click then is no false shipment", () => {
    const out = replayEvents(campaign, [
      ...lines([listed(T0 - HOUR, 48), paid("o1", T0), scanned(T0 + HOUR), shipped(T0 + 2 * HOUR)]),
      { type: "clock", at: iso(T0 + 96 * HOUR) },
    ]);
    expect(out).toEqual([]);
  });

  it("on a refunded order, both the scanned parcel and the later click are to be stopped", () => {
    const out = replayEvents(campaign, [
      ...lines([
        listed(T0 - HOUR, 48),
        paid("o1", T0),
        refund(T0 + HOUR),
        scanned(T0 + 2 * HOUR),
        shipped(T0 + 3 * HOUR),
      ]),
      { type: "clock", at: iso(T0 + 96 * HOUR) },
    ]);
    expect(out.map((d) => [d.type, d.reason ?? null, Date.parse(String(d.at))])).toEqual([
      ["refund.approved", null, T0 + HOUR],
      ["parcel.intercept_required", "carrier_pickup", T0 + 2 * HOUR],
      ["parcel.intercept_required", "online_click", T0 + 3 * HOUR],
    ]);
  });

  it("a scan at the instant of the click, or after it, is that parcel's: one intercept", () => {
    for (const scanAt of [T0 + 3 * HOUR, T0 + 4 * HOUR]) {
      const out = replayEvents(campaign, [
        ...lines([
          listed(T0 - HOUR, 48),
          paid("o1", T0),
          refund(T0 + HOUR),
          shipped(T0 + 3 * HOUR),
          scanned(scanAt),
        ]),
        { type: "clock", at: iso(T0 + 96 * HOUR) },
      ]);
      expect(out.map((d) => [d.type, d.reason ?? null])).toEqual([
        ["refund.approved", null],
        ["parcel.intercept_required", "online_click"],
      ]);
    }
  });

  it("a scan before the refund is stopped at the refund's instant", () => {
    const out = replayEvents(campaign, [
      ...lines([listed(T0 - HOUR, 48), paid("o1", T0), scanned(T0 + HOUR), refund(T0 + 2 * HOUR)]),
      { type: "clock", at: iso(T0 + 96 * HOUR) },
    ]);
    expect(timed(out)).toEqual([
      ["refund.approved", T0 + 2 * HOUR],
      ["parcel.intercept_required", T0 + 2 * HOUR],
    ]);
  });
});

describe("a server batch (ArrivalOptions.touched)", () => {
  it("settles what its events touched once all are recorded: a late payment with its refund", () => {
    const state = emptyState();
    const out: Decision[] = [];
    receive(state, listed(T0 - HOUR, 24), campaign, T0, out);
    advance(state, passed(T0 + 30 * HOUR), campaign, out);
    const now = T0 + 30 * HOUR;
    const touched = new Set<Target>();
    for (const e of [paid("o1", T0), refund(T0 + HOUR)]) {
      expect(receive(state, e, campaign, now, out, { touched })).toBeNull();
    }
    // Nothing yet: the records wait for the caller.
    expect(out).toEqual([]);
    expect([...touched]).toEqual([state.orders.get("o1")]);
    settleTouched(state, touched, now, campaign, out);
    expect(out).toEqual([
      {
        type: "refund.approved",
        at: T0 + HOUR,
        orderId: "o1",
        refundId: "r-o1",
        amountFen: 20_000,
        instant: true,
      },
    ]);
  });

  it("read one at a time, the same two events give the violation, then take it back", () => {
    const state = emptyState();
    const out: Decision[] = [];
    receive(state, listed(T0 - HOUR, 24), campaign, T0, out);
    advance(state, passed(T0 + 30 * HOUR), campaign, out);
    for (const e of [paid("o1", T0), refund(T0 + HOUR)]) {
      receive(state, e, campaign, T0 + 30 * HOUR, out);
    }
    expect(out.map((d) => d.type)).toEqual([
      "violation.recorded",
      "claim.paid",
      "listing.weight_changed",
      "violation.revoked",
      "claim.reversed",
      "listing.weight_changed",
      "refund.approved",
    ]);
  });

  it("a merchant's report in a batch waits too", () => {
    const state = emptyState();
    const out: Decision[] = [];
    advance(state, passed(T0 + 30 * HOUR), campaign, out);
    const touched = new Set<Target>();
    const report: ChannelEvent = {
      type: "merchant.exception_report",
      at: T0,
      merchantId: "m1",
      reason: "停工",
    };
    receive(state, report, campaign, T0 + 30 * HOUR, out, { touched });
    expect(out).toEqual([]);
    settleTouched(state, touched, T0 + 30 * HOUR, campaign, out);
    expect(out).toEqual([
      { type: "merchant.exited", at: T0, merchantId: "m1", reason: "exception_report" },
    ]);
  });
});
