/** Deadlines by the server's clock: what came due fires once, at the deadline's instant. */
import { beforeEach, expect, it } from "vitest";
import { freshApi, type TestApi } from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";
import { DeadlineSweeper } from "./sweeper.js";

const at = (iso: string) => parseInstant(iso)!;
const events = [
  {
    id: "l1",
    type: "product.listed",
    at: "2024-02-09T08:00:00+08:00",
    merchantId: "m1",
    productId: "p1",
    shippingGuaranteeHours: 24,
  },
  ...["o1", "o2", "o3"].map((orderId, i) => ({
    id: `pay-${orderId}`,
    type: "order.paid",
    at: `2024-02-10T0${i + 1}:00:00+08:00`,
    orderId,
    merchantId: "m1",
    productId: "p1",
    amountFen: 10_000,
    region: "CN-ZJ",
    buyer: { id: `b-${orderId}`, risk: "normal" },
  })),
];

describeStores("deadline sweeper", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, at("2024-02-10T04:00:00+08:00"));
    const r = (await api.call("channel", "POST", "/api/v1/events", events)).json();
    expect(r.accepted).toBe(4);
  });

  it("fires what came due while nobody swept, at each deadline, once", async () => {
    // The server was down from 04:00 until 02:30 the next day: o1 and o2 are late, o3 is not yet.
    api.clock.set(at("2024-02-11T02:30:00+08:00"));
    const sweeper = new DeadlineSweeper(api.ctx, { limit: 1 });
    expect(await sweeper.sweepOnce()).toBe(2);
    expect(await sweeper.sweepOnce()).toBe(0);
    const rows = await api.ctx.store.db
      .withTables<{ ff_decisions: { type: string; order_id: string; at: number } }>()
      .selectFrom("ff_decisions")
      .select(["type", "order_id", "at"])
      .where("type", "=", "violation.recorded")
      .orderBy("at")
      .execute();
    expect(rows.map((r) => [r.order_id, Number(r.at)])).toEqual([
      ["o1", at("2024-02-11T01:00:00+08:00")],
      ["o2", at("2024-02-11T02:00:00+08:00")],
    ]);
    // A click reported late corrects: o1 was clicked before its deadline (a correction at the
    // server's clock); o3's click is in time; a second click is refused.
    const ship = (orderId: string, time: string) => ({
      type: "order.shipped",
      at: time,
      orderId,
      trackingNo: `T-${orderId}`,
      carrier: "SF",
    });
    const late = (
      await api.call("channel", "POST", "/api/v1/events", [
        ship("o1", "2024-02-11T00:30:00+08:00"),
        ship("o3", "2024-02-11T02:01:00+08:00"),
        ship("o3", "2024-02-11T02:02:00+08:00"),
      ])
    ).json();
    expect(late.errors.map((e: { error: { code: string } }) => e.error.code)).toEqual([
      "already_shipped",
    ]);
    expect(late.accepted).toBe(2);
    const now = "2024-02-11T02:30:00+08:00";
    expect(late.decisions.map((d: { type: string; at: string }) => [d.type, d.at])).toEqual([
      ["violation.revoked", now],
      ["claim.reversed", now],
      ["listing.weight_changed", now],
    ]);
    expect(late.decisions[0]).toMatchObject({ orderId: "o1", reason: "late_event" });
  });

  it("fires a deadline once the clock minus the lateness has passed it, never on an event's say", async () => {
    // o1 is due at 01:00; the reference campaign's lateness is 10 minutes.
    const clockEvent = { type: "clock", at: "2024-02-12T00:00:00+08:00" };
    api.clock.set(at("2024-02-11T01:05:00+08:00"));
    const r = (await api.call("channel", "POST", "/api/v1/events", [clockEvent])).json();
    expect(r).toMatchObject({ accepted: 1, decisions: [] });
    expect(await new DeadlineSweeper(api.ctx).sweepOnce()).toBe(0);
    api.clock.set(at("2024-02-11T01:10:00+08:00"));
    expect(await new DeadlineSweeper(api.ctx).sweepOnce()).toBe(0);
    api.clock.set(at("2024-02-11T01:10:00.001+08:00"));
    const sweeper = new DeadlineSweeper(api.ctx);
    expect(await sweeper.sweepOnce()).toBe(1);
    const totals = (
      await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024/fulfilment/totals")
    ).json();
    expect(totals.violations).toEqual({ late_shipment: 1, false_shipment: 0 });
  });

  it("with --lateness 0 the deadline fires as soon as the clock passes it", async () => {
    api.ctx.lateness = 0;
    api.clock.set(at("2024-02-11T01:00:00.001+08:00"));
    expect(await new DeadlineSweeper(api.ctx).sweepOnce()).toBe(1);
  });
});
