/**
 * Webhook delivery from the outbox: every decision once acknowledged, in order per campaign,
 * signed; a failing receiver retried by the backoff until it recovers, nothing lost or
 * reordered; two deliverers on one database (two processes) never interleave a campaign.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { freshApi, type TestApi } from "../../../test/support/api.js";
import { fulfilmentStory, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores, sameDatabase } from "../../../test/support/stores.js";
import { type Receiver, startReceiver } from "../../../test/support/webhook-receiver.js";
import { parseInstant } from "../../domain/time/parse.js";
import { decisionsAfter, outboxStatus } from "../../store/repos/downstream/webhook-outbox.js";
import { WebhookDeliverer } from "./deliverer.js";

const SECRET = "whsec_test_secret";

describeStores("webhook delivery", (kind) => {
  let api: TestApi;
  let receiver: Receiver;
  let wall = 1_707_600_000_000;
  const now = () => wall;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-12T10:00:00+08:00")!);
    receiver = await startReceiver(SECRET);
    const r = await api.call("channel", "POST", "/api/v1/events", fulfilmentStory());
    expect(r.json().errors).toEqual([]);
  });
  afterEach(async () => {
    await receiver.close();
  });

  const stored = async () =>
    (await decisionsAfter(api.ctx.store.db, "spring-festival-2024", 0, 1000)).map((d) => d.seq);
  const deliverer = (store = api.ctx.store, roundLimit?: number) =>
    new WebhookDeliverer(
      { ...api.ctx, store },
      { url: receiver.url, secret: SECRET },
      { now: () => Date.now(), ...(roundLimit ? { roundLimit } : {}) },
    );

  it("delivers every decision once, in order, signed, with its stable id", async () => {
    const d = deliverer(api.ctx.store, 2);
    while (await d.tick()) {}
    const seqs = await stored();
    expect(seqs.length).toBeGreaterThan(3);
    expect(receiver.received.map((r) => r.seq)).toEqual(seqs);
    expect(receiver.received.every((r) => r.signatureOk && r.status === 200)).toBe(true);
    const claim = receiver.received.find((r) => r.type === "claim.paid")!;
    expect(claim.id).toBe("spring-festival-2024:claim:o2:late_shipment");
    expect(claim.body).toMatchObject({
      campaignId: "spring-festival-2024",
      decision: { type: "claim.paid", orderId: "o2", amountFen: 1_000 },
    });
    // Nothing new: nothing sent again.
    await d.tick();
    expect(receiver.received).toHaveLength(seqs.length);
    const [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({
      endpoint: receiver.url,
      campaignId: "spring-festival-2024",
      deliveredSeq: seqs.at(-1),
      deliveredCount: seqs.length,
      pending: 0,
      attempts: 0,
    });
    const route = await api.call("operator", "GET", "/api/v1/webhooks");
    expect(route.json().items).toMatchObject([{ endpoint: receiver.url, pending: 0 }]);
    expect((await api.call("m1", "GET", "/api/v1/webhooks")).statusCode).toBe(403);
  });

  it("retries a failing receiver by the backoff, and keeps the order when it recovers", async () => {
    const d = new WebhookDeliverer(api.ctx, { url: receiver.url, secret: SECRET }, { now });
    const seqs = await stored();
    // The receiver takes the first decision, then fails three times in a row.
    let failures = 0;
    receiver.answer((r) => (r.seq !== seqs[0] && failures++ < 3 ? 503 : 200));
    await d.tick();
    expect(receiver.received.map((r) => [r.seq, r.status])).toEqual([
      [seqs[0], 200],
      [seqs[1], 503],
    ]);
    let [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({ attempts: 1, nextAttemptAt: wall + 1_000, lastStatus: 503 });
    // Before the backoff has passed nothing is sent.
    await d.tick();
    expect(receiver.received).toHaveLength(2);
    wall += 1_000;
    await d.tick();
    wall += 2_000;
    await d.tick();
    [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({ attempts: 3, nextAttemptAt: wall + 4_000 });
    expect(status!.lastError).toContain("503");
    wall += 4_000;
    while (await d.tick()) {}
    expect(receiver.acknowledged().map((r) => r.seq)).toEqual(seqs);
    expect(receiver.received.filter((r) => r.seq === seqs[1]).map((r) => r.attempt)).toEqual([
      1, 2, 3, 4,
    ]);
    // A receiver that is not there at all is a failure like any other.
    await receiver.close();
    const refund = await api.call("channel", "POST", "/api/v1/events", [
      paid("o9", "2024-02-12T09:00:00+08:00"),
      {
        type: "refund.requested",
        at: "2024-02-12T09:01:00+08:00",
        orderId: "o9",
        refundId: "r9",
        amountFen: 100,
        kind: "refund_only",
      },
    ]);
    expect(refund.json().decisions).toMatchObject([{ type: "refund.approved" }]);
    wall += 1;
    await d.tick();
    [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({ attempts: 1, pending: 1 });
    expect(status!.lastError).toMatch(/fetch failed|ECONNREFUSED/);
  });

  it("gives up on a receiver that never answers after the timeout, garbage collection or not", async () => {
    // Node 20 lets the collector take an `AbortSignal.timeout` held only by `AbortSignal.any`:
    // the attempt then waited for undici's own 300 s, stalling every campaign's delivery.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    receiver.delay(60_000);
    const d = new WebhookDeliverer(
      api.ctx,
      { url: receiver.url, secret: SECRET },
      { now, timeoutMs: 300 },
    );
    const collecting = setInterval(gc, 50);
    try {
      const started = Date.now();
      await d.tick();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      clearInterval(collecting);
    }
    expect(receiver.received).toHaveLength(1);
    const [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({ attempts: 1, deliveredSeq: 0, lastStatus: null });
    expect(status!.lastError).toMatch(/^TimeoutError: no answer within 300 ms/);
  }, 20_000);

  it("sends a URL's user and password as Basic authorization, not in the URL", async () => {
    // fetch refuses a URL with credentials: every attempt failed, for as long as it ran.
    const url = receiver.url.replace("http://", "http://gala:p%40ss@");
    const d = new WebhookDeliverer(api.ctx, { url, secret: SECRET }, { now: () => Date.now() });
    while (await d.tick()) {}
    const seqs = await stored();
    expect(receiver.acknowledged().map((r) => r.seq)).toEqual(seqs);
    const basic = `Basic ${Buffer.from("gala:p@ss").toString("base64")}`;
    expect(receiver.received.every((r) => r.authorization === basic && r.signatureOk)).toBe(true);
    const [status] = await outboxStatus(api.ctx.store.db);
    expect(status).toMatchObject({ endpoint: url, pending: 0, attempts: 0, lastError: null });
  });

  it("never interleaves a campaign between two deliverers on one database", async () => {
    const other = await sameDatabase(api.ctx.store);
    receiver.delay(20);
    const a = deliverer(api.ctx.store, 3);
    const b = deliverer(other, 3);
    const drain = async (d: WebhookDeliverer) => {
      for (let i = 0; i < 50 && (await d.tick()); i++) {}
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    await drain(a);
    const seqs = await stored();
    const arrived = receiver.received.map((r) => r.seq);
    // In order, each once: a second deliverer never sends while the first holds the cursor.
    expect(arrived).toEqual(seqs);
  });
});
