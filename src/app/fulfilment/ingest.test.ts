/** The event endpoint on both databases: idempotency, per-event errors, and replay agreement. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { generateEvents } from "../../../bench/events/generate.js";
import { freshApi, type TestApi } from "../../../test/support/api.js";
import { describeStores } from "../../../test/support/stores.js";
import { ReplaySession } from "../../domain/fulfilment/index.js";
import { formatWithOffset } from "../../domain/time/index.js";
import { buildServer } from "../../http/server.js";
import { ff } from "../../store/repos/fulfilment/tables.js";

const listed = {
  id: "e1",
  type: "product.listed",
  at: "2024-02-09T08:00:00+08:00",
  merchantId: "m1",
  productId: "p1",
  shippingGuaranteeHours: 24,
};
const paid = {
  id: "e2",
  type: "order.paid",
  at: "2024-02-10T09:00:00+08:00",
  orderId: "o1",
  merchantId: "m1",
  productId: "p1",
  amountFen: 12990,
  region: "CN-ZJ",
  buyer: { id: "b1", risk: "normal" },
};
const refund = {
  id: "e3",
  type: "refund.requested",
  at: "2024-02-10T09:30:00+08:00",
  orderId: "o1",
  refundId: "r1",
  amountFen: 12990,
  kind: "refund_only",
};

describeStores("POST /api/v1/events", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
  });
  const post = (body: unknown, token: "channel" | "m1" = "channel") =>
    api.call(token, "POST", "/api/v1/events", body);

  it("applies a batch once: the same ids again are duplicates and decide nothing", async () => {
    const first = await post([listed, paid, refund]);
    expect(first.statusCode).toBe(200);
    const a = first.json();
    expect(a).toMatchObject({ accepted: 3, duplicates: 0, errors: [] });
    expect(a.decisions).toEqual([
      expect.objectContaining({
        type: "refund.approved",
        orderId: "o1",
        refundId: "r1",
        instant: true,
      }),
    ]);
    const again = (await post([listed, paid, refund])).json();
    expect(again).toEqual({ accepted: 0, duplicates: 3, errors: [], decisions: [] });
    const repeatedInBatch = (
      await post([
        { ...refund, id: "e4", refundId: "r2" },
        { ...refund, id: "e4" },
      ])
    ).json();
    expect(repeatedInBatch).toMatchObject({ accepted: 1, duplicates: 1 });
  });

  it("takes ids, buyers and tracking numbers that are all digits, as text", async () => {
    // A channel's order ids are often long digit strings; the store must not read them as numbers.
    const digits = {
      listed: { ...listed, merchantId: "8801", productId: "9902" },
      paid: {
        ...paid,
        orderId: "1234567890123",
        merchantId: "8801",
        productId: "9902",
        buyer: { id: "7703", risk: "normal" },
      },
    };
    expect((await post([digits.listed, digits.paid])).json().errors).toEqual([]);
    const shipped = await post([
      {
        id: "e-ship",
        type: "order.shipped",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "1234567890123",
        trackingNo: "4455667788",
        carrier: "SF",
      },
    ]);
    expect(shipped.json().errors).toEqual([]);
    const picked = await post([
      {
        id: "e-pick",
        type: "order.picked_up",
        at: "2024-02-10T12:00:00+08:00",
        orderId: "1234567890123",
      },
    ]);
    expect(picked.json().errors).toEqual([]);
    const order = await api.call(
      "operator",
      "GET",
      "/api/v1/campaigns/spring-festival-2024/merchants/8801/orders/1234567890123",
    );
    expect(order.statusCode).toBe(200);
    expect(order.json().order).toMatchObject({
      orderId: "1234567890123",
      merchantId: "8801",
      productId: "9902",
      buyerId: "7703",
      trackingNo: "4455667788",
      pickedUpAt: "2024-02-10T12:00:00+08:00",
    });
  });

  it("answers per event: bad fields and unknown orders are refused, the rest apply in any order", async () => {
    const r = (
      await post([
        listed,
        {
          type: "order.shipped",
          at: "2024-02-10T08:00:00+08:00",
          orderId: "nope",
          trackingNo: "T",
          carrier: "SF",
        },
        { ...paid, id: "bad", amountFen: -5 },
        paid,
        { type: "clock", at: "2024-02-09T00:00:00+08:00" },
        { id: 7, type: "clock", at: "2024-02-11T00:00:00+08:00" },
      ])
    ).json();
    // The clock a day before the others is taken: events come in any order.
    expect(r.accepted).toBe(3);
    expect(
      r.errors.map((e: { index: number; error: { code: string } }) => [e.index, e.error.code]),
    ).toEqual([
      [1, "unknown_order"],
      [2, expect.any(String)],
      [5, "invalid_id"],
    ]);
  });

  it("stores only the contract's fields, and refuses an event heavy with others", async () => {
    const annotated = { ...listed, note: "from the nightly feed", trace: { hop: 3 } };
    const heavy = { ...paid, id: "e9", blob: "x".repeat(5_000) };
    const r = await post([annotated, heavy]);
    expect(r.json()).toMatchObject({
      accepted: 1,
      errors: [{ index: 1, error: { code: "event_too_large" } }],
    });
    const rows = await ff(api.ctx.store.db).selectFrom("ff_events").select("body").execute();
    expect(rows.map((row) => JSON.parse(row.body))).toEqual([
      {
        type: "product.listed",
        at: listed.at,
        merchantId: "m1",
        productId: "p1",
        shippingGuaranteeHours: 24,
        id: "e1",
      },
    ]);
  });

  it("refuses an id too long to index as a bad field, and applies the rest of the batch", async () => {
    // PostgreSQL cannot index ~2.7 kB: such an order id used to fail the whole batch's commit.
    const long = { ...paid, id: "e-long", orderId: "o".repeat(3_000) };
    const res = await post([listed, long, paid]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 2,
      errors: [{ index: 1, id: "e-long", error: { code: "invalid_field", field: "orderId" } }],
    });
  });

  it("applies a valid event whose id an event refused earlier in the batch carried", async () => {
    // The refused one was not taken; answering "duplicate" made the channel drop the valid one.
    const badTime = { ...paid, id: "e-same", at: "2024-02-10T09:00:00" };
    const res = await post([listed, badTime, { ...paid, id: "e-same" }, { ...paid, id: "e-same" }]);
    expect(res.json()).toMatchObject({
      accepted: 2,
      duplicates: 1,
      errors: [{ index: 1, id: "e-same", error: { code: "invalid_time" } }],
    });
    const rows = await ff(api.ctx.store.db).selectFrom("ff_events").select("event_id").execute();
    expect(rows.map((r) => r.event_id).sort()).toEqual(["e-same", listed.id].sort());
  });

  it("refuses a lone surrogate in an id, naming the field, and applies the rest of the batch", async () => {
    // Both stores wrote "o\ud800" and "o\ud801" as ids they read back as "o\ufffd": distinct
    // orders met as one, and neither could be addressed again.
    const res = await post([
      listed,
      { ...paid, id: "e-lone", orderId: "o\ud800" },
      { ...paid, id: "e\udfff" },
      paid,
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      accepted: 2,
      errors: [
        { index: 1, id: "e-lone", error: { code: "invalid_field", field: "orderId" } },
        { index: 2, error: { code: "invalid_id", field: "id" } },
      ],
    });
  });

  it("refuses, when told to, events dated further past its clock than allowed", async () => {
    const guarded = await buildServer({ ...api.ctx, maxEventLeadMs: 10 * 60_000 });
    const at = (minutes: number) => formatWithOffset(api.clock.now() + minutes * 60_000, 480);
    const res = await guarded.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: { authorization: `Bearer ${api.tokens.channel}` },
      payload: [
        { id: "c1", type: "clock", at: at(10) },
        { id: "c2", type: "clock", at: at(10.001) },
      ],
    });
    expect(res.json()).toMatchObject({
      accepted: 1,
      errors: [{ index: 1, id: "c2", error: { code: "ahead_of_clock", field: "at" } }],
    });
    // In the campaign's zone, as the channel wrote it.
    expect(res.json().errors[0].error.message).toContain(`dated ${at(10.001)}, after ${at(10)}`);
    // By default any date goes, as in a replay.
    expect((await post([{ id: "c3", type: "clock", at: at(60 * 24) }])).json().accepted).toBe(1);
    await guarded.close();
  });

  it("refuses a body that is not a JSON array, and other roles", async () => {
    expect((await post({ events: [] })).statusCode).toBe(400);
    const notJson = await api.server.inject({
      method: "POST",
      url: "/api/v1/events",
      headers: {
        authorization: `Bearer ${api.tokens.channel}`,
        "content-type": "application/json",
      },
      payload: "[{",
    });
    expect(notJson.statusCode).toBe(400);
    expect((await post([listed], "m1")).statusCode).toBe(403);
  });

  it("fires a deadline opened and missed inside one batch with its listing and merchant", async () => {
    // The batch names only the order: the pickup deadline its click opens (+24 h) is missed
    // before the batch's clock event, and the violation reaches the product's weight and the
    // merchant's standing, which the batch never names (the server loads them on demand).
    const events = [
      { ...listed, shippingGuaranteeHours: 48 },
      paid,
      {
        id: "e3",
        type: "order.shipped",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "o1",
        trackingNo: "SF1",
        carrier: "SF",
      },
      { id: "e4", type: "clock", at: "2024-02-11T11:00:00+08:00" },
    ];
    expect((await post(events.slice(0, 2))).json()).toMatchObject({ accepted: 2, errors: [] });
    // The click is reported a day late: the server's clock has passed its pickup deadline.
    api.clock.set(Date.parse("2024-02-11T11:00:00+08:00"));
    const r = (await post(events.slice(2))).json();
    const session = new ReplaySession(api.campaign.campaign);
    const replayed = events
      .map((e, i) => session.line(JSON.stringify(e), i + 1))
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(r.decisions.map((d: { type: string }) => d.type)).toEqual([
      "violation.recorded",
      "claim.paid",
      "listing.weight_changed",
    ]);
    expect(r.decisions).toEqual(replayed);
  });

  it("agrees with gala replay on the same events, batch by batch", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gala-agree-"));
    await generateEvents(join(dir, "events.jsonl"), 3_000, 7);
    const lines = readFileSync(join(dir, "events.jsonl"), "utf8").split("\n").filter(Boolean);
    const session = new ReplaySession(api.campaign.campaign);
    const expected = lines
      .map((l, i) => session.line(l, i + 1))
      .join("")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const got: unknown[] = [];
    for (let i = 0; i < lines.length; i += 500) {
      const batch = lines.slice(i, i + 500).map((l, j) => ({ id: `g${i + j}`, ...JSON.parse(l) }));
      // A channel posting as things happen: the server's clock is at the batch's last event.
      api.clock.set(Math.max(...batch.map((e) => Date.parse(e.at))));
      const r = (await post(batch)).json();
      expect(r.errors).toEqual([]);
      got.push(...r.decisions);
    }
    expect(expected.length).toBeGreaterThan(50);
    expect(got).toEqual(expected);
  });
});

describe("event ids", () => {
  it("are given by the server when an event has none", async () => {
    const api = await freshApi("sqlite");
    const r = (
      await api.call("channel", "POST", "/api/v1/events", [
        { type: "clock", at: "2024-02-10T00:00:00+08:00" },
      ])
    ).json();
    expect(r).toMatchObject({ accepted: 1, duplicates: 0 });
  });
});
