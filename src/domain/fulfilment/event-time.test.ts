import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  campaignStream,
  HOUR,
  iso,
  lineOf,
  netState,
  START,
  type Timed,
  withinLateness,
  withRetries,
} from "../../../test/support/event-streams.js";
import { runs } from "../../../test/support/runs.js";
import type { Campaign } from "../campaign/model.js";
import { DEFAULT_POLICY, testCampaign } from "./fixtures.js";
import { ReplaySession } from "./replay-session.js";

/**
 * Event time (docs/interfaces.md, "Time, lateness and corrections"): the decisions are a function of the facts, not of the
 * order they arrive in. Within the lateness a stream gives exactly the sorted stream's
 * decisions; beyond it, corrections bring the net state to the sorted stream's.
 */
const LATENESS = 10 * 60_000;
const reference = testCampaign({ lateness: LATENESS });
// Low thresholds, so delistings, exits, relistings and reinstatements happen often.
const strict = testCampaign({
  lateness: LATENESS,
  traffic: { weightSteps: [0.5, 0.25], delistAtViolations: 2 },
  exit: { maxViolations: 3 },
});
// A claim table that weighs the merchant's history at every step (pay more, hold, no claim), so
// a correction that adds or revokes an earlier violation evaluates later claims again.
const PAY = { rateBasisPoints: 500, minFen: 100, maxFen: 100_000 };
const history = testCampaign({
  lateness: LATENESS,
  claims: [
    {
      id: "third-held",
      when: { merchantViolations: { gte: 2 }, kind: ["false_shipment"] },
      outcome: { action: "hold", reason: "history" },
    },
    {
      id: "second-double",
      when: { merchantViolations: { gte: 1 } },
      outcome: { action: "pay", ...PAY, rateBasisPoints: 1000 },
    },
    { id: "first-small-free", when: { amountFen: { lt: 5_000 } }, outcome: { action: "none" } },
    { id: "standard", when: {}, outcome: { action: "pay", ...PAY } },
  ],
});
const FINAL_CLOCK = lineOf({ t: 40 * 24 * HOUR, event: { type: "clock" } });

interface Run {
  decisions: Array<Record<string, unknown>>;
  refusals: string[];
}

function run(campaign: Campaign, lines: readonly string[], retry = false): Run {
  const session = new ReplaySession(campaign);
  const out: string[] = [];
  let n = 0;
  const send = (line: string) => {
    const text = session.line(line, ++n);
    out.push(text);
    return { refusedUnknownOrder: text.includes('"unknown_order"') };
  };
  if (retry) withRetries(lines, send);
  else for (const line of lines) send(line);
  out.push(session.finish());
  const parsed = out
    .join("")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    decisions: parsed.filter((d) => d.line === undefined),
    refusals: parsed
      .filter((d) => d.line !== undefined)
      .map((d) => (d.error as { code: string }).code)
      .sort(),
  };
}

const sorted = (stream: readonly Timed[]) => stream.map(lineOf);
const asSet = (decisions: Array<Record<string, unknown>>) =>
  decisions.map((d) => JSON.stringify(d)).sort();

describe("event time", () => {
  for (const [name, campaign] of [
    ["reference policy", reference],
    ["low thresholds", strict],
    ["a claim table weighing the merchant's history", history],
  ] as const) {
    it(`${name}: events at most the lateness late give exactly the sorted stream's decisions`, () => {
      fc.assert(
        fc.property(
          campaignStream,
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 64 }),
          (stream, delays) => {
            const inOrder = run(campaign, sorted(stream));
            const late = run(campaign, withinLateness(stream, delays, LATENESS).map(lineOf));
            expect(asSet(late.decisions)).toEqual(asSet(inOrder.decisions));
            expect(late.refusals).toEqual(inOrder.refusals);
            expect(late.decisions.map((d) => d.type)).not.toContain("violation.revoked");
          },
        ),
        { numRuns: runs(150) },
      );
    });

    it(`${name}: any arrival order, retried and then a final clock, leaves the sorted stream's net state`, () => {
      fc.assert(
        fc.property(
          campaignStream.chain((stream) =>
            fc.tuple(
              fc.constant(stream),
              fc.shuffledSubarray(stream, { minLength: stream.length, maxLength: stream.length }),
            ),
          ),
          ([stream, shuffled]) => {
            const inOrder = run(campaign, [...sorted(stream), FINAL_CLOCK]);
            const anyOrder = run(campaign, [...shuffled.map(lineOf), FINAL_CLOCK], true);
            expect(netState(anyOrder.decisions)).toEqual(netState(inOrder.decisions));
          },
        ),
        { numRuns: runs(200) },
      );
    });
  }

  it("every revocation follows its record, and an order has one violation in force at most", () => {
    fc.assert(
      fc.property(
        campaignStream.chain((s) =>
          fc.shuffledSubarray(s, { minLength: s.length, maxLength: s.length }),
        ),
        (shuffled) => {
          const { decisions } = run(strict, [...shuffled.map(lineOf), FINAL_CLOCK], true);
          const inForce = new Set<string>();
          for (const d of decisions) {
            const key = `${d.orderId}/${d.kind}`;
            if (d.type === "violation.recorded") {
              expect(inForce.has(key)).toBe(false);
              inForce.add(key);
            }
            if (d.type === "violation.revoked") {
              expect(inForce.delete(key)).toBe(true);
              expect(d.reason).toBe("late_event");
            }
          }
          // One shipping violation per order at any time (ship.one_violation).
          const perOrder = new Map<string, number>();
          for (const key of inForce) {
            const order = key.split("/")[0]!;
            perOrder.set(order, (perOrder.get(order) ?? 0) + 1);
          }
          for (const n of perOrder.values()) expect(n).toBe(1);
        },
      ),
      { numRuns: runs(150) },
    );
  });
});

describe("event time, worked examples", () => {
  const listed = (at: number) => ({
    type: "product.listed",
    at: iso(START + at),
    merchantId: "m1",
    productId: "p1",
    shippingGuaranteeHours: 24,
  });
  const paid = (orderId: string, at: number) => ({
    type: "order.paid",
    at: iso(START + at),
    orderId,
    merchantId: "m1",
    productId: "p1",
    amountFen: 10_000,
    region: "CN-ZJ",
    buyer: { id: `b-${orderId}`, risk: "normal" },
  });
  const shipped = (orderId: string, at: number) => ({
    type: "order.shipped",
    at: iso(START + at),
    orderId,
    trackingNo: `T-${orderId}`,
    carrier: "SF",
  });
  const clock = (at: number) => ({ type: "clock", at: iso(START + at) });
  const lines = (events: object[]) => events.map((e) => JSON.stringify(e));

  it("a click made in time but reported after its deadline fired undoes the violation, the claim and the weight", () => {
    const { decisions } = run(
      reference,
      lines([listed(0), paid("o1", HOUR), clock(30 * HOUR), shipped("o1", 10 * HOUR)]),
    );
    expect(decisions.map((d) => [d.type, d.at])).toEqual([
      ["violation.recorded", "2024-02-10T01:00:00+08:00"],
      ["claim.paid", "2024-02-10T01:00:00+08:00"],
      ["listing.weight_changed", "2024-02-10T01:00:00+08:00"],
      // Corrections are made at the stream's present: the latest time seen.
      ["violation.revoked", "2024-02-10T06:00:00+08:00"],
      ["claim.reversed", "2024-02-10T06:00:00+08:00"],
      ["listing.weight_changed", "2024-02-10T06:00:00+08:00"],
    ]);
    expect(decisions[3]).toMatchObject({ reason: "late_event", kind: "late_shipment" });
    expect(decisions[5]).toMatchObject({ weight: 1, violations: 0 });
  });

  it("a revoked third violation relists the product at the second step's weight", () => {
    const events: object[] = [listed(0)];
    for (let i = 1; i <= 3; i++) events.push(paid(`o${i}`, i * HOUR));
    // The click at 20:00 owes a scan by 44:00, which the clock at 40:00 has not passed.
    events.push(clock(40 * HOUR), shipped("o3", 20 * HOUR));
    const { decisions } = run(reference, lines(events));
    expect(decisions.filter((d) => d.type === "listing.delisted")).toHaveLength(1);
    // Back to two violations: in the venue again, at the weight two violations give (0.25,
    // unchanged, so no weight change is announced).
    expect(decisions.slice(-3).map((d) => d.type)).toEqual([
      "violation.revoked",
      "claim.reversed",
      "listing.relisted",
    ]);
    expect(decisions.at(-1)).toMatchObject({ productId: "p1", violations: 2 });
  });

  it("within the lateness nothing is decided before the watermark passes it", () => {
    const session = new ReplaySession(reference);
    let out = "";
    for (const line of lines([listed(0), paid("o1", HOUR), clock(25 * HOUR + 5 * 60_000)])) {
      out += session.line(line, 1);
    }
    // The deadline (25:00) is 5 minutes behind the latest time seen: inside the lateness.
    expect(out).toBe("");
    out += session.line(JSON.stringify(shipped("o1", 25 * HOUR - 1)), 4);
    out += session.line(JSON.stringify(clock(26 * HOUR)), 5);
    expect(out).toBe("");
  });

  it("the policy's lateness is the default; a lateness of 0 takes the deadline at once", () => {
    const events = lines([listed(0), paid("o1", HOUR), clock(25 * HOUR + 5 * 60_000)]);
    const session = new ReplaySession(reference, undefined, 0);
    const out = events.map((l, i) => session.line(l, i + 1)).join("");
    expect(out).toContain("violation.recorded");
    expect(DEFAULT_POLICY.lateness).toBe(0);
  });
});
