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
    // An event earlier than a deadline already fired is out of order; a later one applies.
    const late = (
      await api.call("channel", "POST", "/api/v1/events", [
        {
          type: "order.shipped",
          at: "2024-02-11T01:30:00+08:00",
          orderId: "o3",
          trackingNo: "T",
          carrier: "SF",
        },
        {
          type: "order.shipped",
          at: "2024-02-11T02:01:00+08:00",
          orderId: "o3",
          trackingNo: "T",
          carrier: "SF",
        },
      ])
    ).json();
    expect(late.errors.map((e: { error: { code: string } }) => e.error.code)).toEqual([
      "out_of_order",
    ]);
    expect(late.accepted).toBe(1);
  });

  it("fires a deadline before the event that passes it, inside the batch", async () => {
    const r = (
      await api.call("channel", "POST", "/api/v1/events", [
        { type: "clock", at: "2024-02-11T01:30:00+08:00" },
      ])
    ).json();
    expect(r.decisions.map((d: { type: string }) => d.type)).toEqual([
      "violation.recorded",
      "claim.paid",
      "listing.weight_changed",
    ]);
    api.clock.set(at("2024-02-11T01:45:00+08:00"));
    expect(await new DeadlineSweeper(api.ctx).sweepOnce()).toBe(0);
  });
});
