/** What merchants and operators read back after events: orders, decisions, weights, totals, pickup rate. */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { fulfilmentStory } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("fulfilment reads", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-14T10:00:00+08:00")!);
    const r = await api.call("channel", "POST", "/api/v1/events", fulfilmentStory());
    expect(r.json().errors).toEqual([]);
  });

  it("shows a merchant its own orders, violations, claims and weights, and no one else's", async () => {
    const orders = (await api.call("m1", "GET", `${base}/merchants/m1/orders`)).json();
    expect(orders.items.map((o: { orderId: string }) => o.orderId)).toEqual(["o1", "o2"]);
    expect(orders.items[1]).toMatchObject({ violations: ["late_shipment"], shippedAt: null });
    const violations = (
      await api.call("m1", "GET", `${base}/merchants/m1/decisions?group=violations`)
    ).json();
    expect(violations.items).toEqual([
      expect.objectContaining({ type: "violation.recorded", orderId: "o2", kind: "late_shipment" }),
    ]);
    const claims = (
      await api.call("m1", "GET", `${base}/merchants/m1/decisions?group=claims`)
    ).json();
    expect(claims.items).toEqual([
      expect.objectContaining({ type: "claim.paid", orderId: "o2", amountFen: 1000 }),
    ]);
    const standing = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(standing).toMatchObject({ merchantId: "m1", violations: 1, status: "active" });
    expect(standing.listings).toEqual([
      expect.objectContaining({ productId: "p1", weight: 0.5, violations: 1, inVenue: true }),
    ]);
    expect((await api.call("m2", "GET", `${base}/merchants/m1/orders`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `${base}/orders`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `${base}/fulfilment/totals`)).statusCode).toBe(403);
  });

  it("gives operators every order and the campaign's totals", async () => {
    const all = (await api.call("operator", "GET", `${base}/orders?limit=2`)).json();
    expect(all.items).toHaveLength(2);
    const rest = (
      await api.call("operator", "GET", `${base}/orders?cursor=${all.nextCursor}`)
    ).json();
    expect(rest.items.map((o: { orderId: string }) => o.orderId)).toEqual(["o3"]);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    expect(totals).toEqual({
      campaignId: CAMPAIGN,
      orders: 3,
      shippedOnTime: 1,
      instantRefunds: 1,
      violations: { late_shipment: 1, false_shipment: 0 },
      violationsRevoked: 0,
      claimsPaid: 1,
      claimsPaidFen: 1000,
      claimsReversed: 0,
      claimsReversedFen: 0,
      claimsHeld: 0,
      claimsDeclined: 0,
      claimsWaiting: 0,
      delistedProducts: 0,
      exitedMerchants: 0,
    });
  });

  it("computes the 48 h pickup rate from stored orders and shows it beside the snapshot", async () => {
    // Now 2024-02-14 10:00: o1 (scanned in 6 h) and o2 (never) count; m2's o3 was refunded.
    const m1 = (await api.call("m1", "GET", `${base}/merchants/m1/pickup-rate`)).json();
    expect(m1).toMatchObject({
      computed: 0.5,
      required: 2,
      pickedUpInTime: 1,
      snapshot: null,
      used: 0.5,
      source: "computed",
    });
    const m2 = (await api.call("operator", "GET", `${base}/merchants/m2/pickup-rate`)).json();
    expect(m2).toMatchObject({ computed: null, required: 0, source: "none" });
  });
});
