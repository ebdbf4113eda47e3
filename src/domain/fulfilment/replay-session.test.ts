/**
 * `gala replay` without the I/O (replay-session.ts): a line in, its output lines out; a line
 * inside a larger chunk reads as the same line alone; blank lines are no events; refusals are
 * counted.
 */
import { describe, expect, it } from "vitest";
import { testCampaign } from "./fixtures.js";
import { ReplaySession } from "./replay-session.js";

const campaign = testCampaign();
const listed = JSON.stringify({
  type: "product.listed",
  at: "2024-02-10T08:00:00+08:00",
  merchantId: "m1",
  productId: "p1",
  shippingGuaranteeHours: 24,
});
const paid = JSON.stringify({
  type: "order.paid",
  at: "2024-02-10T09:00:00+08:00",
  orderId: "o1",
  merchantId: "m1",
  productId: "p1",
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: "b1", risk: "normal" },
});
const late = JSON.stringify({ type: "clock", at: "2024-02-11T10:00:00+08:00" });
/** What `late` answers after `listed` and `paid`: the order's violation, claim and weight. */
const LATE_OUTPUT = [
  '{"type":"violation.recorded","at":"2024-02-11T09:00:00+08:00","orderId":"o1","merchantId":"m1","productId":"p1","kind":"late_shipment","campaign":"test"}',
  '{"type":"claim.paid","at":"2024-02-11T09:00:00+08:00","orderId":"o1","buyerId":"b1","amountFen":1000,"kind":"late_shipment","rule":"standard","campaign":"test"}',
  '{"type":"listing.weight_changed","at":"2024-02-11T09:00:00+08:00","productId":"p1","merchantId":"m1","weight":0.5,"violations":1,"campaign":"test"}',
]
  .map((l) => `${l}\n`)
  .join("");

describe("ReplaySession", () => {
  it("answers each line with the decisions it settles, as complete JSONL lines", () => {
    const session = new ReplaySession(campaign);
    expect(session.line(listed, 1)).toBe("");
    expect(session.line(paid, 2)).toBe("");
    expect(session.line(late, 3)).toBe(LATE_OUTPUT);
    expect(session.line(late, 4)).toBe("");
    expect(session.finish()).toBe("");
    expect(session.errors).toBe(0);
  });

  it("skips lines of spaces, tabs and carriage returns; anything else is read", () => {
    const session = new ReplaySession(campaign);
    for (const blank of ["", " ", "\t", "\r", " \t\r "]) expect(session.line(blank, 1)).toBe("");
    expect(session.errors).toBe(0);
    expect(JSON.parse(session.line(" x", 7))).toEqual({
      line: 7,
      error: expect.objectContaining({ code: "invalid_json" }),
    });
    expect(session.errors).toBe(1);
  });

  it("reads a line inside a chunk as it reads the same line alone", () => {
    const chunk = `${listed}\n${paid}\n \t\n{oops\n${late}`;
    const session = new ReplaySession(campaign);
    const alone = new ReplaySession(campaign);
    let out = "";
    let expected = "";
    let start = 0;
    chunk.split("\n").forEach((line, i) => {
      out += session.lineWithin(chunk, start, start + line.length, i + 1);
      expected += alone.line(line, i + 1);
      start += line.length + 1;
    });
    expect(out).toBe(expected);
    expect(out).toBe(`${new ReplaySession(campaign).line("{oops", 4)}${LATE_OUTPUT}`);
    expect([session.errors, alone.errors]).toEqual([1, 1]);
  });

  it("counts refusals by the state, and settles through the last instant at the end", () => {
    const session = new ReplaySession(campaign, undefined, 2 * 3_600_000);
    session.line(listed, 1);
    expect(JSON.parse(session.line(listed, 2))).toMatchObject({
      line: 2,
      error: { code: "already_listed" },
    });
    session.line(paid, 3);
    // Two hours of lateness: the clock an hour past the deadline settles nothing yet.
    expect(session.line(late, 4)).toBe("");
    expect(session.finish()).toBe(LATE_OUTPUT);
    expect(session.errors).toBe(1);
  });
});
