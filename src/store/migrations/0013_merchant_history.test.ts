/**
 * Migration 0013 on a store whose merchant records predate `inForce`: it rebuilds each
 * merchant's violations in force, in history order, from the orders, so the claim table's
 * `merchantViolations` and the re-pricing of later claims see the same history as before; and it
 * marks the claims a person paid, which re-pricing leaves as the person decided.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { CAMPAIGN, freshApi } from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { DeadlineSweeper } from "../../app/fulfilment/sweeper.js";
import { parseInstant } from "../../domain/time/parse.js";
import { migration0013 } from "./0013_merchant_history.js";

const at = (iso: string) => parseInstant(iso)!;
const event = (id: string, type: string, time: string, fields: object) => ({
  id,
  type,
  at: time,
  ...fields,
});

describeStores("migration 0013 (merchant history)", (kind) => {
  it("fills each merchant's violations in force from its orders, in history order", async () => {
    const api = await freshApi(kind, at("2024-02-10T08:00:00+08:00"));
    const listed = (p: string, m: string) =>
      event(`l-${p}`, "product.listed", "2024-02-09T08:00:00+08:00", {
        merchantId: m,
        productId: p,
        shippingGuaranteeHours: 24,
      });
    const paid = (o: string, m: string, p: string, time: string, risk = "normal") =>
      event(`pay-${o}`, "order.paid", time, {
        orderId: o,
        merchantId: m,
        productId: p,
        amountFen: 20_000,
        region: "CN-ZJ",
        buyer: { id: `b-${o}`, risk },
      });
    const res = await api.call("channel", "POST", "/api/v1/events", [
      listed("p1", "m1"),
      listed("p2", "m2"),
      // Paid in the reverse of their ids' order, so history order is not id order.
      paid("o9", "m1", "p1", "2024-02-10T09:00:00+08:00"),
      paid("o1", "m1", "p1", "2024-02-10T09:05:00+08:00", "high"),
      paid("o5", "m2", "p2", "2024-02-10T09:00:00+08:00"),
    ]);
    expect(res.statusCode).toBe(200);
    api.clock.set(at("2024-02-11T12:00:00+08:00"));
    await new DeadlineSweeper(api.ctx).sweepOnce();
    // o1's claim was held (a high-risk buyer): a person pays it.
    const resolved = await api.call(
      "operator",
      "POST",
      `/api/v1/campaigns/${CAMPAIGN}/claims/held/o1/late_shipment`,
      { decision: "pay", note: "checked" },
    );
    expect(resolved.statusCode).toBe(200);

    const db = api.ctx.store.db;
    const records = async () => {
      const { rows } = await sql<{ merchant_id: string; record: string }>`select merchant_id,
        record from ff_merchants where campaign_id = ${CAMPAIGN} order by merchant_id`.execute(db);
      return rows.map((r) => [r.merchant_id, JSON.parse(r.record)] as const);
    };
    const claims = async () => {
      const { rows } = await sql<{ order_id: string; claim: string | null }>`select order_id,
        claim from ff_orders where campaign_id = ${CAMPAIGN} order by order_id`.execute(db);
      return Object.fromEntries(rows.map((r) => [r.order_id, r.claim && JSON.parse(r.claim)]));
    };
    const claimsBefore = await claims();
    expect(claimsBefore.o1).toMatchObject({ status: "paid", byPerson: true });
    expect(claimsBefore.o9).toMatchObject({ status: "paid" });
    expect(claimsBefore.o9.byPerson).toBeUndefined();
    const before = await records();
    const inForce = Object.fromEntries(before.map(([m, r]) => [m, r.inForce]));
    expect(inForce).toEqual({
      m1: [
        [at("2024-02-11T09:00:00+08:00"), "o9"],
        [at("2024-02-11T09:05:00+08:00"), "o1"],
      ],
      m2: [[at("2024-02-11T09:00:00+08:00"), "o5"]],
    });

    // As a store from before 0013 holds them: no history on the merchant records.
    for (const [m, r] of before) {
      const { inForce: _dropped, ...old } = r;
      await sql`update ff_merchants set record = ${JSON.stringify(old)}
        where campaign_id = ${CAMPAIGN} and merchant_id = ${m}`.execute(db);
    }
    const { byPerson: _mark, ...unmarked } = claimsBefore.o1;
    await sql`update ff_orders set claim = ${JSON.stringify(unmarked)}
      where campaign_id = ${CAMPAIGN} and order_id = 'o1'`.execute(db);
    await migration0013({ dialect: kind }).up(db as never);
    expect(await records()).toEqual(before);
    expect(await claims()).toEqual(claimsBefore);
  });
});
