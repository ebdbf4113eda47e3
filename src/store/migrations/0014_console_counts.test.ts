/**
 * Migration 0014 on a store written before it: it counts every campaign's orders and decisions
 * into `ff_counts` as the write path would have kept them (days in the campaign's zone), and the
 * counts then go on from there.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { CAMPAIGN, freshApi } from "../../../test/support/api.js";
import { freshCounts, keptCounts } from "../../../test/support/fresh-counts.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";
import { migration0014 } from "./0014_console_counts.js";

const at = (iso: string) => parseInstant(iso)!;
const paid = (o: string, m: string, time: string) => ({
  id: `pay-${o}`,
  type: "order.paid",
  at: time,
  orderId: o,
  merchantId: m,
  productId: `${m}-p`,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${o}`, risk: "normal" },
});

describeStores("migration 0014 (console counts)", (kind) => {
  it("counts the orders and decisions stored before it, and the write path goes on from there", async () => {
    const api = await freshApi(kind, at("2024-02-12T08:00:00+08:00"));
    const post = async (events: object[]) => {
      const res = await api.call("channel", "POST", "/api/v1/events", events);
      expect(res.statusCode).toBe(200);
    };
    const listed = (m: string) => ({
      id: `l-${m}`,
      type: "product.listed",
      at: "2024-02-09T08:00:00+08:00",
      merchantId: m,
      productId: `${m}-p`,
      shippingGuaranteeHours: 24,
    });
    // Two merchants, two days; o1 shipped late (a violation and a claim), o2 refunded at once,
    // o3 still to ship.
    await post([
      listed("m1"),
      listed("m2"),
      paid("o1", "m1", "2024-02-09T23:30:00+08:00"),
      paid("o2", "m2", "2024-02-10T00:30:00+08:00"),
      paid("o3", "m2", "2024-02-12T07:00:00+08:00"),
      {
        id: "rf-o2",
        type: "refund.requested",
        at: "2024-02-10T01:00:00+08:00",
        orderId: "o2",
        refundId: "r2",
        amountFen: 20_000,
        kind: "refund_only",
      },
      {
        id: "ship-o1",
        type: "order.shipped",
        at: "2024-02-11T01:00:00+08:00",
        orderId: "o1",
        trackingNo: "T1",
        carrier: "SF",
      },
    ]);
    const db = api.ctx.store.db;
    const run = async (text: string) =>
      (await sql.raw(text).execute(db)).rows as Array<Record<string, unknown>>;
    const zone = api.campaign.campaign.timeZone;
    const kept = await keptCounts(run, CAMPAIGN);
    expect(kept).toMatchObject({
      "orders@m1": 1,
      "orders@m2": 2,
      "state:to_ship@m2": 1,
      "state:refunded@m2": 1,
      "violation:late_shipment@m1": 1,
      "decision:refund.approved:@m2": 1,
      "day:Asia/Shanghai:2024-02-09:orders@*": 1,
      "day:Asia/Shanghai:2024-02-10:orders@*": 1,
      "day:Asia/Shanghai:2024-02-12:orders@*": 1,
    });
    expect(kept).toEqual(await freshCounts(run, CAMPAIGN, zone));

    // As a store from before 0014 is: no counts, no indexes of its own.
    await db.schema.dropIndex("ff_decisions_by_merchant_seq").execute();
    await db.schema.dropIndex("ff_decisions_by_type_seq").execute();
    await db.schema.dropIndex("ff_decisions_by_seq").execute();
    await db.schema.dropIndex("ff_orders_by_merchant_paid").execute();
    await db.schema.dropIndex("ff_orders_to_ship_by_merchant").execute();
    await db.schema.dropIndex("ff_orders_to_ship").execute();
    await db.schema.dropTable("ff_counts").execute();
    await migration0014({ dialect: kind }).up(db as never);
    expect(await keptCounts(run, CAMPAIGN)).toEqual(kept);

    // The write path goes on from the counts filled: o3 shipped now.
    await post([
      {
        id: "ship-o3",
        type: "order.shipped",
        at: "2024-02-12T08:00:00+08:00",
        orderId: "o3",
        trackingNo: "T3",
        carrier: "SF",
      },
    ]);
    const after = await keptCounts(run, CAMPAIGN);
    expect(after["state:to_ship@m2"]).toBeUndefined();
    expect(after["state:in_transit@m2"]).toBe(1);
    expect(after).toEqual(await freshCounts(run, CAMPAIGN, zone));
  });
});
