/** Held claims: the operator's queue, paying or declining once, and who may do it. */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;
const risky = (orderId: string, merchantId: string, productId: string) => ({
  ...paid(orderId, "2024-02-10T09:00:00+08:00", merchantId, productId),
  buyer: { id: `b-${orderId}`, risk: "high" },
});

describeStores("held claims", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-12T10:00:00+08:00")!);
    // Three orders never shipped within their 24 h: two buyers are high-risk (held), one not.
    const r = await api.call("channel", "POST", "/api/v1/events", [
      listed("p1", "m1"),
      listed("p2", "m2"),
      risky("h1", "m1", "p1"),
      risky("h2", "m2", "p2"),
      paid("n1", "2024-02-10T09:00:00+08:00"),
      { type: "clock", at: "2024-02-12T00:00:00+08:00" },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  const held = (query = "") => api.call("operator", "GET", `${base}/claims/held${query}`);
  const resolve = (orderId: string, body: object, who: "operator" | "m1" = "operator") =>
    api.call(who, "POST", `${base}/claims/held/${orderId}/late_shipment`, body);

  it("lists the open held claims with what paying them would give", async () => {
    const res = await held();
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({
        orderId: "h1",
        kind: "late_shipment",
        merchantId: "m1",
        productId: "p1",
        buyerId: "b-h1",
        reason: "buyer_risk",
        heldAt: "2024-02-11T09:00:00+08:00",
        orderAmountFen: 20_000,
        payableFen: 1_000,
        resolution: null,
      }),
      expect.objectContaining({ orderId: "h2", merchantId: "m2", resolution: null }),
    ]);
    expect(
      (await held("?merchantId=m2")).json().items.map((c: { orderId: string }) => c.orderId),
    ).toEqual(["h2"]);
  });

  it("pays a held claim once: the policy's amount, audited, then 409", async () => {
    const res = await resolve("h1", { decision: "pay", note: "buyer verified by phone" });
    expect(res.statusCode).toBe(200);
    expect(res.json().decision).toMatchObject({
      type: "claim.paid",
      at: "2024-02-12T10:00:00+08:00",
      orderId: "h1",
      buyerId: "b-h1",
      amountFen: 1_000,
      kind: "late_shipment",
      resolvedFrom: "claim.held",
      note: "buyer verified by phone",
    });
    const again = await resolve("h1", { decision: "decline", reason: "changed my mind" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("claim_already_resolved");

    expect((await held()).json().items.map((c: { orderId: string }) => c.orderId)).toEqual(["h2"]);
    const all = (await held("?status=all")).json().items;
    expect(all[0].resolution).toMatchObject({ type: "claim.paid", amountFen: 1_000 });

    // The merchant sees the claim held and then paid; the totals count the payment.
    const claims = await api.call("m1", "GET", `${base}/merchants/m1/decisions?group=claims`);
    const types = claims
      .json()
      .items.map((d: { orderId: string; type: string }) => `${d.orderId} ${d.type}`);
    expect(types).toEqual(["h1 claim.held", "n1 claim.paid", "h1 claim.paid"]);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    expect(totals).toMatchObject({
      claimsPaid: 2,
      claimsPaidFen: 2_000,
      claimsHeld: 2,
      claimsDeclined: 0,
      claimsWaiting: 1,
    });

    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "claim.pay",
        actor: { role: "operator", id: expect.any(String) },
        subject: { type: "claim", id: "claim:h1:late_shipment" },
        fromState: "held",
        toState: "paid",
        reason: "buyer verified by phone",
        detail: { amountFen: 1_000 },
      }),
    );
  });

  it("shows a claim withdrawn with its violation as withdrawn, not as waiting", async () => {
    // h1 was shipped on time after all: the late fact revokes the violation and its held claim.
    const late = await api.call("channel", "POST", "/api/v1/events", [
      {
        type: "order.shipped",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "h1",
        trackingNo: "SF1",
        carrier: "SF",
      },
      { type: "order.picked_up", at: "2024-02-10T12:00:00+08:00", orderId: "h1" },
    ]);
    expect(late.json().decisions).toContainEqual(
      expect.objectContaining({ type: "claim.withdrawn", orderId: "h1" }),
    );
    expect((await held()).json().items.map((c: { orderId: string }) => c.orderId)).toEqual(["h2"]);
    const all = (await held("?status=all")).json().items;
    expect(all).toEqual([
      expect.objectContaining({
        orderId: "h1",
        resolution: null,
        withdrawnAt: "2024-02-12T10:00:00+08:00",
      }),
      expect.objectContaining({ orderId: "h2", resolution: null, withdrawnAt: null }),
    ]);
    const pay = await resolve("h1", { decision: "pay" });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.code).toBe("claim_withdrawn");
  });

  it("declines only with a reason", async () => {
    expect((await resolve("h2", { decision: "decline", reason: "  " })).statusCode).toBe(400);
    expect((await resolve("h2", { decision: "decline" })).statusCode).toBe(400);
    const res = await resolve("h2", {
      decision: "decline",
      reason: "buyer's address is a reshipper",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().decision).toMatchObject({
      type: "claim.declined",
      orderId: "h2",
      reason: "buyer's address is a reshipper",
    });
    expect(res.json().decision.amountFen).toBeUndefined();
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    expect(totals).toMatchObject({ claimsHeld: 2, claimsDeclined: 1, claimsWaiting: 1 });
    const dashboard = (await api.call("operator", "GET", `${base}/dashboard`)).json();
    expect(dashboard).toMatchObject({ claimsHeld: 2, claimsWaiting: 1 });
  });

  it("finds no held claim for an order paid automatically, or unknown", async () => {
    expect((await resolve("n1", { decision: "pay" })).json().error.code).toBe("claim_not_held");
    expect((await resolve("nope", { decision: "pay" })).statusCode).toBe(404);
    const badKind = await api.call("operator", "POST", `${base}/claims/held/h1/lost_parcel`, {
      decision: "pay",
    });
    expect(badKind.statusCode).toBe(400);
  });

  it("is for operators only", async () => {
    for (const who of ["m1", "m2", "channel", "platform"] as const) {
      expect((await api.call(who, "GET", `${base}/claims/held`)).statusCode).toBe(403);
    }
    expect((await api.call(null, "GET", `${base}/claims/held`)).statusCode).toBe(401);
    expect((await resolve("h1", { decision: "pay" }, "m1")).statusCode).toBe(403);
  });

  it("pays once when two operators resolve the same claim at the same time", async () => {
    const answers = await Promise.all([
      resolve("h1", { decision: "pay" }),
      resolve("h1", { decision: "decline", reason: "duplicate" }),
      resolve("h1", { decision: "pay" }),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const all = (await held("?status=all")).json().items;
    const winner = answers.find((a) => a.statusCode === 200)!.json().decision;
    expect(all[0].resolution).toEqual(winner);
    // The same operator's same request four times at once (same body to the millisecond on this
    // standing clock): still one 200.
    const same = await Promise.all([1, 2, 3, 4].map(() => resolve("h2", { decision: "pay" })));
    expect(same.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409]);
  });
});
