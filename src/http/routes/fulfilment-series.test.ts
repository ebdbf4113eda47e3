/** Fulfilment over time: the merchant's pickup rate per day and the campaign's figures by day. */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { fulfilmentStory } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { fulfilmentSummary, pickupRateByDay } from "../../app/console/fulfilment-series.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("fulfilment series", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-14T10:00:00+08:00")!);
    const r = await api.call("channel", "POST", "/api/v1/events", fulfilmentStory());
    expect(r.json().errors).toEqual([]);
  });

  it("gives the merchant's rolling pickup rate at the end of each activity day up to now", async () => {
    const res = await api.call("m1", "GET", `${base}/merchants/m1/pickup-rate/daily`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.threshold).toBe(0.85);
    expect(body.points.map((p: { day: string }) => p.day)).toEqual([
      "2024-02-09",
      "2024-02-10",
      "2024-02-11",
      "2024-02-12",
      "2024-02-13",
      "2024-02-14",
    ]);
    // Orders count once their 48 h have passed: paid on the 10th, they first count on the 12th.
    expect(body.points[2]).toMatchObject({ rate: null, required: 0 });
    expect(body.points[3]).toMatchObject({
      asOf: "2024-02-12T23:59:59.999+08:00",
      rate: 0.5,
      required: 2,
      pickedUpInTime: 1,
    });
    // Today's point is taken at now, and equals the snapshot route's computed value.
    const now = (await api.call("m1", "GET", `${base}/merchants/m1/pickup-rate`)).json();
    expect(body.points[5]).toMatchObject({ asOf: "2024-02-14T10:00:00+08:00", rate: now.computed });
  });

  it("keeps a day's point as it stood when an order it counted as a miss is refunded later", async () => {
    // o2 was never shipped: a miss from the 12th on. Refunded on the 13th, it owes no pickup
    // from then on, but the 12th's point does not change after the fact.
    const refund = {
      type: "refund.requested",
      at: "2024-02-13T12:00:00+08:00",
      orderId: "o2",
      refundId: "r2",
      amountFen: 20_000,
      kind: "refund_only",
    };
    const r = await api.call("channel", "POST", "/api/v1/events", [refund]);
    expect(r.json().decisions.map((d: { type: string }) => d.type)).toEqual(["refund.approved"]);
    const body = (await api.call("m1", "GET", `${base}/merchants/m1/pickup-rate/daily`)).json();
    const byDay = Object.fromEntries(
      body.points.map((p: { day: string; rate: number; required: number }) => [
        p.day,
        { rate: p.rate, required: p.required },
      ]),
    );
    expect(byDay["2024-02-12"]).toEqual({ rate: 0.5, required: 2 });
    expect(byDay["2024-02-13"]).toEqual({ rate: 1, required: 1 });
    const now = (await api.call("m1", "GET", `${base}/merchants/m1/pickup-rate`)).json();
    expect(now).toMatchObject({ computed: 1, required: 1 });
  });

  it("keeps a merchant to its own series and the campaign figures to operators", async () => {
    expect((await api.call("m2", "GET", `${base}/merchants/m1/pickup-rate/daily`)).statusCode).toBe(
      403,
    );
    expect(
      (await api.call("operator", "GET", `${base}/merchants/m1/pickup-rate/daily`)).statusCode,
    ).toBe(200);
    expect((await api.call("m1", "GET", `${base}/fulfilment/daily`)).statusCode).toBe(403);
    expect((await api.call("channel", "GET", `${base}/fulfilment/daily`)).statusCode).toBe(403);
    expect(
      (await api.call("operator", "GET", "/api/v1/campaigns/nope/fulfilment/daily")).statusCode,
    ).toBe(404);
  });

  it("gives the campaign's orders by day, violations by kind, claims and instant refunds", async () => {
    const res = await api.call("operator", "GET", `${base}/fulfilment/daily`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      campaignId: CAMPAIGN,
      ordersByDay: [{ day: "2024-02-10", orders: 3, shippedOnTime: 1, shippedLate: 1 }],
      violationsByKind: [{ kind: "late_shipment", count: 1 }],
      claimsPaid: { count: 1, amountFen: 1000 },
      claimsHeld: 0,
      claimsWaiting: 0,
      instantRefunds: { count: 1, amountFen: 20_000 },
    });
    // The dashboard shows the same figures.
    const dashboard = (await api.call("operator", "GET", `${base}/dashboard`)).json();
    expect(dashboard).toMatchObject({
      ordersByDay: res.json().ordersByDay,
      claimsPaid: { count: 1, amountFen: 1000 },
      instantRefunds: { count: 1, amountFen: 20_000 },
    });
  });

  it("cuts days in the campaign's own time zone", async () => {
    const reference = (await api.ctx.campaigns.current(CAMPAIGN))!.campaign;
    const newYork = { ...reference, timeZone: "America/New_York" };
    // Paid 09:00–09:20 on the 10th in Beijing: 20:00–20:20 on the 9th in New York.
    const summary = await fulfilmentSummary(api.ctx.store.db, newYork);
    expect(summary.ordersByDay).toEqual([
      { day: "2024-02-09", orders: 3, shippedOnTime: 1, shippedLate: 1 },
    ]);
    const now = parseInstant("2024-02-14T10:00:00+08:00")!;
    const points = await pickupRateByDay(api.ctx.store.db, newYork, "m1", now);
    // The activity starts 2024-02-09 00:00 Beijing, 11:00 on the 8th in New York.
    expect(points[0]!.day).toBe("2024-02-08");
    expect(points[0]!.asOf).toBe(parseInstant("2024-02-08T23:59:59.999-05:00"));
    expect(points.at(-1)).toMatchObject({ day: "2024-02-13", asOf: now });
  });
});
