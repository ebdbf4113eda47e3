/**
 * The standing thresholds at their edges: 0 means "never" (campaign-rules: a campaign may turn
 * delisting or the count-based exit off), and exactly the threshold is enough.
 */
import { describe, expect, it } from "vitest";
import { replayEvents, testCampaign } from "./fixtures.js";
import { ReplaySession } from "./replay-session.js";
import { isInVenue } from "./standing.js";

const listed = (productId: string) => ({
  type: "product.listed",
  at: "2024-02-09T00:00:00+08:00",
  merchantId: "m1",
  productId,
  shippingGuaranteeHours: 24,
});
/** Order `n`, paid on day `day` at 09:00:0n and never shipped: late one day later. */
const late = (n: number, day: number, productId = "p1") => ({
  type: "order.paid",
  at: `2024-02-${String(day).padStart(2, "0")}T09:00:0${n % 10}+08:00`,
  orderId: `o${n}`,
  merchantId: "m1",
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b${n}`, risk: "normal" },
});
const clock = (at: string) => ({ type: "clock", at });
const standing = (out: Array<Record<string, unknown>>) =>
  out
    .filter((d) => /^(listing|merchant)\./.test(String(d.type)))
    .map((d) => [d.type, d.weight ?? d.reason ?? d.violations]);

/** Five late orders on one product, all in force by the 16th. */
const fiveLate = [
  listed("p1"),
  late(1, 9),
  late(2, 10),
  late(3, 11),
  late(4, 12),
  late(5, 13),
  clock("2024-02-16T00:00:00+08:00"),
];

describe("standing thresholds", () => {
  it("delistAtViolations 0 never delists; maxViolations 0 never exits", () => {
    const never = testCampaign({
      traffic: { weightSteps: [0.5, 0.25], delistAtViolations: 0 },
      exit: { maxViolations: 0 },
    });
    const out = replayEvents(never, fiveLate);
    expect(out.filter((d) => d.type === "violation.recorded")).toHaveLength(5);
    // The weight still follows the violations; the last step repeats.
    expect(standing(out)).toEqual([
      ["listing.weight_changed", 0.5],
      ["listing.weight_changed", 0.25],
    ]);
  });

  it("a threshold of 1 acts on the first violation", () => {
    const strict = testCampaign({
      traffic: { weightSteps: [0.5], delistAtViolations: 1 },
      exit: { maxViolations: 1 },
    });
    const out = replayEvents(strict, [
      listed("p1"),
      late(1, 9),
      clock("2024-02-16T00:00:00+08:00"),
    ]);
    expect(standing(out)).toEqual([
      ["listing.delisted", "violations"],
      ["listing.weight_changed", 0.5],
      ["merchant.exited", "violations"],
    ]);
  });

  it("no weight steps: the weight stays 1 whatever the violations", () => {
    const flat = testCampaign({
      traffic: { weightSteps: [], delistAtViolations: 0 },
      exit: { maxViolations: 0 },
    });
    const out = replayEvents(flat, fiveLate);
    expect(out.filter((d) => d.type === "violation.recorded")).toHaveLength(5);
    expect(standing(out)).toEqual([]);
  });
});

describe("venue presence (derived: the listing live and its merchant active)", () => {
  it("follows the delisting and the merchant's exit", () => {
    const strict = testCampaign({
      traffic: { weightSteps: [0.5], delistAtViolations: 2 },
      exit: { maxViolations: 3 },
    });
    const session = new ReplaySession(strict);
    const feed = (events: object[]) =>
      events.forEach((e, i) => {
        session.line(JSON.stringify(e), i + 1);
      });
    feed([listed("p1"), listed("p2"), late(1, 9, "p1")]);
    const { listings, merchants } = session.state;
    const inVenue = (p: string) => isInVenue(listings.get(p)!, merchants.get("m1"));
    feed([clock("2024-02-11T00:00:00+08:00")]);
    expect([inVenue("p1"), inVenue("p2")]).toEqual([true, true]);
    feed([late(2, 10, "p1"), clock("2024-02-12T00:00:00+08:00")]);
    expect([inVenue("p1"), inVenue("p2")]).toEqual([false, true]);
    feed([late(3, 11, "p2"), clock("2024-02-13T00:00:00+08:00")]);
    expect(merchants.get("m1")!.status).toBe("exited");
    expect([inVenue("p1"), inVenue("p2")]).toEqual([false, false]);
    // A listing whose merchant has no record yet is in the venue while live.
    expect(isInVenue(listings.get("p2")!, undefined)).toBe(true);
  });
});

describe("standing taken back", () => {
  it("a revoked violation brings the weight back to 1 and reinstates, each announcement numbered", () => {
    const strict = testCampaign({
      traffic: { weightSteps: [0.5], delistAtViolations: 1 },
      exit: { maxViolations: 1 },
    });
    const session = new ReplaySession(strict);
    const events = [
      listed("p1"),
      late(1, 9),
      clock("2024-02-12T00:00:00+08:00"),
      // Clicked an hour after payment and scanned: on time after all.
      { type: "order.picked_up", at: "2024-02-09T11:00:00+08:00", orderId: "o1" },
      {
        type: "order.shipped",
        at: "2024-02-09T10:00:00+08:00",
        orderId: "o1",
        trackingNo: "T1",
        carrier: "SF",
      },
    ];
    const out = events
      .map((e, i) => session.line(JSON.stringify(e), i + 1))
      .join("")
      .split("\n")
      .filter((l) => l !== "")
      .map((l) => JSON.parse(l));
    expect(standing(out)).toEqual([
      ["listing.delisted", "violations"],
      ["listing.weight_changed", 0.5],
      ["merchant.exited", "violations"],
      ["listing.relisted", 0],
      ["listing.weight_changed", 1],
      ["merchant.reinstated", 0],
    ]);
    const { listings, merchants } = session.state;
    expect(listings.get("p1")).toMatchObject({ status: "live", weight: 1, changes: 4 });
    expect(merchants.get("m1")).toMatchObject({ status: "active", exitReason: null, changes: 2 });
  });

  it("a product counts the violations due from its listing on, not before", () => {
    // Paid on p9 before it was listed (the default 48 h); the listing comes at the deadline.
    const paidEarly = late(1, 10, "p9");
    const listing = (time: string) => ({ ...listed("p9"), at: time });
    const weights = (time: string) =>
      replayEvents(testCampaign(), [
        paidEarly,
        listing(time),
        clock("2024-02-13T00:00:00+08:00"),
      ]).filter((d) => d.type === "listing.weight_changed");
    // Listed exactly at the deadline (2024-02-12 09:00:01): the violation counts.
    expect(weights("2024-02-12T09:00:01+08:00")).toHaveLength(1);
    // Listed a millisecond after it: the violation came before the listing.
    expect(weights("2024-02-12T09:00:01.001+08:00")).toHaveLength(0);
  });
});
