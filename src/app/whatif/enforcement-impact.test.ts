/**
 * The editor's enforcement impact (`POST /campaigns/{c}/compare`, `enforcement`): the running
 * campaign's stored event log replayed under the current version and under the edited text.
 * Under the current version it gives what the server decided; the same rules give no difference;
 * a changed rate or threshold shows where it bites; and ingestion goes on while it runs.
 */
import { readFileSync } from "node:fs";
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { REFERENCE_CAMPAIGN } from "../../../test/support/app.js";
import { describeStores } from "../../../test/support/stores.js";
import {
  HISTORY_END,
  HISTORY_START,
  iso,
  seedHistory,
} from "../../../test/support/whatif-history.js";
import { compensationFen } from "../../domain/fulfilment/index.js";
import { insertEvents } from "../../store/repos/fulfilment/log.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;
const reference = readFileSync(REFERENCE_CAMPAIGN, "utf8");
const edited = (from: string, to: string) => {
  if (!reference.includes(from)) throw new Error(`no ${from} in the reference campaign`);
  return reference.replace(from, to);
};
describeStores("the editor's enforcement impact", (kind) => {
  let api: TestApi;
  const compare = async (source: string) => {
    const res = await api.call("operator", "POST", `${base}/compare`, { source });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  beforeEach(async () => {
    api = await freshApi(kind, HISTORY_START);
    await seedHistory(api);
  });

  it("under the current version, counts what the server decided", async () => {
    const { enforcement } = await compare(reference);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    const t = enforcement.totals;
    expect(enforcement.events).toBeGreaterThan(60);
    expect(enforcement.unreadable).toBe(0);
    expect(t.violations.a).toBe(totals.violations.late_shipment + totals.violations.false_shipment);
    expect(t.violations.a).toBeGreaterThan(0);
    expect(enforcement.byKind.late_shipment.violations.a).toBe(totals.violations.late_shipment);
    expect(t.claimsPaid.a).toBe(totals.claimsPaid);
    expect(t.claimsPaidFen.a).toBe(totals.claimsPaidFen);
    expect(t.claimsHeld.a).toBe(totals.claimsWaiting);
    expect(t.claimsHeld.a).toBe(1);
    expect(t.instantRefunds.a).toBe(totals.instantRefunds);
    expect(t.instantRefunds.a).toBeGreaterThan(0);
    expect(t.delistings.a).toBe(totals.delistedProducts);
    expect(t.exits.a).toBe(totals.exitedMerchants);
    expect(t.orders.a).toBe(totals.orders);
    expect(t.refused).toEqual({ a: 0, b: 0 });
  });

  it("replays an upheld appeal and a withdrawal where the server took them", async () => {
    // o2 (m1's, never shipped) was late: m1 appeals and an operator upholds it; m2 withdraws.
    const filed = await api.call("m1", "POST", `${base}/merchants/m1/appeals`, {
      orderId: "o2",
      kind: "late_shipment",
      reason: "the carrier lost the parcel's first scan",
    });
    expect(filed.statusCode).toBe(201);
    const upheld = await api.call(
      "operator",
      "POST",
      `/api/v1/appeals/${filed.json().appealId}/decision`,
      { decision: "uphold", note: "the carrier confirmed it" },
    );
    expect(upheld.statusCode).toBe(200);
    const left = await api.call("m2", "POST", `${base}/merchants/m2/withdrawal`, {
      reason: "we cannot ship in time",
    });
    expect(left.statusCode).toBe(200);
    const { enforcement } = await compare(reference);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    const t = enforcement.totals;
    expect(t.violations.a).toBe(totals.violations.late_shipment + totals.violations.false_shipment);
    expect(t.claimsPaid.a).toBe(totals.claimsPaid);
    expect(t.claimsPaidFen.a).toBe(totals.claimsPaidFen);
    expect(t.claimsHeld.a).toBe(totals.claimsWaiting);
    expect(t.delistings.a).toBe(totals.delistedProducts);
    expect(t.exits.a).toBe(totals.exitedMerchants);
    expect(t.exits.a).toBeGreaterThan(0);
    // The same rules on both sides: the acts change nothing between them.
    expect(enforcement.same).toBe(true);
  });

  it("replays a held claim paid by a person, at each column's compensation", async () => {
    const held = (await api.call("operator", "GET", `${base}/claims/held`)).json().items;
    expect(held).toHaveLength(1);
    const { orderId, kind, payableFen } = held[0];
    const res = await api.call("operator", "POST", `${base}/claims/held/${orderId}/${kind}`, {
      decision: "pay",
      note: "buyer verified by phone",
    });
    expect(res.statusCode).toBe(200);
    const { enforcement } = await compare(reference);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    const t = enforcement.totals;
    expect(totals.claimsWaiting).toBe(0);
    expect(t.claimsHeld.a).toBe(0);
    expect(t.claimsPaid.a).toBe(totals.claimsPaid);
    expect(t.claimsPaidFen.a).toBe(totals.claimsPaidFen);
    expect(enforcement.same).toBe(true);
    // At 8 % instead of 5 %, the person's payment under B is B's compensation too.
    const rate8 = edited("rateBasisPoints: 500 #", "rateBasisPoints: 800 #");
    const richer = (await compare(rate8)).enforcement;
    expect(richer.totals.claimsHeld).toEqual({ a: 0, b: 0 });
    expect(richer.totals.claimsPaidFen.a).toBe(totals.claimsPaidFen);
    const policy = { rateBasisPoints: 800, minFen: 500, maxFen: 10_000, holdForBuyerRisk: [] };
    const underB = compensationFen(held[0].orderAmountFen, policy);
    expect(underB).toBeGreaterThan(payableFen);
    expect(richer.totals.claimsPaidFen.b - richer.totals.claimsPaidFen.a).toBe(underB - payableFen);
  });

  it("a policy identical to the current one reports no difference", async () => {
    const { enforcement, merchants } = await compare(`${reference}\n# the same rules\n`);
    expect(enforcement.same).toBe(true);
    expect(enforcement.merchants).toEqual({ changed: 0, list: [] });
    expect(enforcement.products).toEqual({ changed: 0, list: [] });
    for (const pair of Object.values(enforcement.totals) as Array<{ a: number; b: number }>) {
      expect(pair.b).toBe(pair.a);
    }
    expect(enforcement.daily.length).toBeGreaterThan(0);
    // The eligibility impact is still there beside it.
    expect(merchants).toMatchObject({
      becameEligible: { count: 0 },
      becameIneligible: { count: 0 },
    });
  });

  it("a higher rate pays more on the same claims, per merchant and per day", async () => {
    // Every paying row of the table at 1.6 times its rate: 5 → 8 %, history-3's 10 → 16 %.
    const rate8 = edited("pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800").replace(
      "pay: { rateBasisPoints: 1000",
      "pay: { rateBasisPoints: 1600",
    );
    const { enforcement } = await compare(rate8);
    const t = enforcement.totals;
    expect(enforcement.same).toBe(false);
    expect(t.claimsPaid.b).toBe(t.claimsPaid.a);
    // 1.6 times every amount (the orders are of 200 yuan, inside every row's bounds).
    expect(t.claimsPaidFen.b * 1_000).toBe(t.claimsPaidFen.a * 1_600);
    expect(t.violations.b).toBe(t.violations.a);
    for (const m of enforcement.merchants.list) {
      expect(m.claimsPaidFen.b * 1_000).toBe(m.claimsPaidFen.a * 1_600);
    }
    expect(
      enforcement.merchants.list.map((m: { merchantId: string }) => m.merchantId).sort(),
    ).toEqual(["m1", "m2"]);
    const daily = enforcement.daily.reduce(
      (s: number, d: { claimsPaidFen: { b: number } }) => s + d.claimsPaidFen.b,
      0,
    );
    expect(daily).toBe(t.claimsPaidFen.b);
    expect(enforcement.asOf).toBe("2024-02-15T08:00:00+08:00");
  });

  it("never delisting names the products it would have kept in the venue", async () => {
    const { enforcement } = await compare(edited("delistAtViolations: 3", "delistAtViolations: 0"));
    const kept = enforcement.products.list.filter(
      (p: { delisted: { a: boolean; b: boolean } }) => p.delisted.a && !p.delisted.b,
    );
    expect(kept.map((p: { productId: string }) => p.productId).sort()).toEqual([
      "m1-p0",
      "m2-p0",
      "p9",
    ]);
    expect(enforcement.totals.delistings).toEqual({ a: 3, b: 0 });
    expect(enforcement.totals.claimsPaidFen.b).toBe(enforcement.totals.claimsPaidFen.a);
  });

  it("runs outside the campaign's lock: a batch posted meanwhile is answered first", async () => {
    // A long log: 12,000 more events (clocks), so the comparison reads several pages.
    const rows = Array.from({ length: 12_000 }, (_, i) => ({
      eventId: `c${i}`,
      campaignId: CAMPAIGN,
      type: "clock",
      at: HISTORY_END,
      orderId: null,
      body: JSON.stringify({ type: "clock", at: iso(HISTORY_END), id: `c${i}` }),
    }));
    await api.ctx.store.db.transaction().execute((trx) => insertEvents(trx, rows, HISTORY_END));
    const finished: string[] = [];
    const comparing = compare(reference).then((r) => {
      finished.push("compare");
      return r;
    });
    await new Promise((resolve) => setImmediate(resolve));
    const posting = api
      .call("channel", "POST", "/api/v1/events", [
        { id: "late-clock", type: "clock", at: iso(HISTORY_END) },
      ])
      .then((r) => {
        finished.push("post");
        return r;
      });
    const [{ enforcement }, posted] = await Promise.all([comparing, posting]);
    expect(posted.json().accepted).toBe(1);
    expect(finished).toEqual(["post", "compare"]);
    expect(enforcement.events).toBeGreaterThan(12_000);
    expect(enforcement.same).toBe(true);
  });
});
