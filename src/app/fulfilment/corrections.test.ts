/**
 * Corrections on the server (docs/interfaces.md, "Time, lateness and corrections"): a fact that arrives after the decision
 * it contradicts undoes it — the violation, its claim, the traffic cut, the delisting, a
 * count-based exit — and the reads show it: the order's timeline, the totals, the standing,
 * the venue. Producers posting interleaved batches at once lose nothing and decide nothing twice.
 */
import fc from "fast-check";
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../../test/support/api.js";
import {
  campaignStream,
  HOUR,
  lineOf,
  netState,
  START,
} from "../../../test/support/event-streams.js";
import { describeStores } from "../../../test/support/stores.js";
import { payFen } from "../../domain/fulfilment/claim-table.js";
import { ReplaySession } from "../../domain/fulfilment/index.js";
import { parseInstant } from "../../domain/time/parse.js";
import { DeadlineSweeper } from "./sweeper.js";

const at = (iso: string) => parseInstant(iso)!;
const base = `/api/v1/campaigns/${CAMPAIGN}`;
const listed = (productId: string) => ({
  id: `list-${productId}`,
  type: "product.listed",
  at: "2024-02-09T08:00:00+08:00",
  merchantId: "m1",
  productId,
  shippingGuaranteeHours: 24,
});
const paid = (orderId: string, time: string, productId = "p1", risk = "normal") => ({
  id: `pay-${orderId}`,
  type: "order.paid",
  at: time,
  orderId,
  merchantId: "m1",
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk },
});
const shipped = (orderId: string, time: string) => ({
  id: `ship-${orderId}`,
  type: "order.shipped",
  at: time,
  orderId,
  trackingNo: `T-${orderId}`,
  carrier: "SF",
});

describeStores("corrections on the server", (kind) => {
  let api: TestApi;
  const post = async (events: object[]) => {
    const res = await api.call("channel", "POST", "/api/v1/events", events);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const sweepAt = async (iso: string) => {
    api.clock.set(at(iso));
    await new DeadlineSweeper(api.ctx).sweepOnce();
  };
  beforeEach(async () => {
    api = await freshApi(kind, at("2024-02-10T09:00:00+08:00"));
  });

  it("undoes a violation, its claim and its weight when the click comes late, and shows it", async () => {
    await post([listed("p1"), paid("o1", "2024-02-10T09:00:00+08:00")]);
    await sweepAt("2024-02-11T12:00:00+08:00");
    const before = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    expect(before).toMatchObject({ violations: { late_shipment: 1 }, claimsPaid: 1 });

    const r = await post([shipped("o1", "2024-02-10T15:00:00+08:00")]);
    expect(r.decisions.map((d: { type: string }) => d.type)).toEqual([
      "violation.revoked",
      "claim.reversed",
      "listing.weight_changed",
    ]);
    expect(r.decisions[0]).toMatchObject({
      orderId: "o1",
      kind: "late_shipment",
      reason: "late_event",
      at: "2024-02-11T12:00:00+08:00",
    });

    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    expect(totals).toMatchObject({
      violations: { late_shipment: 0, false_shipment: 0 },
      violationsRevoked: 1,
      claimsPaid: 0,
      claimsPaidFen: 0,
      claimsReversed: 1,
      claimsReversedFen: 1_000,
    });
    const standing = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(standing).toMatchObject({ violations: 0, status: "active" });
    expect(standing.listings).toEqual([
      expect.objectContaining({ productId: "p1", weight: 1, violations: 0, inVenue: true }),
    ]);

    const timeline = await api.call("m1", "GET", `${base}/merchants/m1/orders/o1`);
    expect(timeline.statusCode).toBe(200);
    const { order, entries } = timeline.json();
    expect(order).toMatchObject({
      orderId: "o1",
      violations: [],
      revoked: ["late_shipment"],
      claim: null,
      shippedAt: "2024-02-10T15:00:00+08:00",
      trackingNo: "T-o1",
    });
    expect(entries.map((e: { type: string; at: string }) => [e.type, e.at])).toEqual([
      ["order.paid", "2024-02-10T09:00:00+08:00"],
      ["order.shipped", "2024-02-10T15:00:00+08:00"],
      ["violation.recorded", "2024-02-11T09:00:00+08:00"],
      ["claim.paid", "2024-02-11T09:00:00+08:00"],
      ["violation.revoked", "2024-02-11T12:00:00+08:00"],
      ["claim.reversed", "2024-02-11T12:00:00+08:00"],
    ]);
    // Another merchant's order is not found, and not theirs to read.
    expect((await api.call("m2", "GET", `${base}/merchants/m1/orders/o1`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `${base}/merchants/m1/orders/nope`)).statusCode).toBe(404);
    expect((await api.call("operator", "GET", `${base}/merchants/m2/orders/o1`)).statusCode).toBe(
      404,
    );
  });

  it("takes a batch's late facts together: a payment and its refund an hour late give the refund alone", async () => {
    await post([listed("p1")]);
    api.clock.set(at("2024-02-11T12:00:00+08:00"));
    // Paid a day and a half ago (past its 24 h deadline), refunded a minute after: both reported
    // only now, in one batch.
    const r = await post([
      paid("o1", "2024-02-10T00:00:00+08:00"),
      {
        id: "rf-o1",
        type: "refund.requested",
        at: "2024-02-10T00:01:00+08:00",
        orderId: "o1",
        refundId: "r1",
        amountFen: 20_000,
        kind: "refund_only",
      },
    ]);
    expect(r.decisions.map((d: { type: string }) => d.type)).toEqual(["refund.approved"]);
  });

  it("re-prices a later claim that weighed a violation revoked since (the history-3 row)", async () => {
    await post([listed("p1"), listed("p2")]);
    await post(
      ["09:00", "09:01", "09:02", "09:03"].map((t, i) =>
        paid(`o${i + 1}`, `2024-02-10T${t}:00+08:00`, i < 2 ? "p1" : "p2"),
      ),
    );
    await sweepAt("2024-02-11T12:00:00+08:00");
    // The fourth violation comes after three in force: double, 10 % of 200 yuan.
    const before = await api.call("operator", "GET", `${base}/fulfilment/totals`);
    expect(before.json()).toMatchObject({ claimsPaid: 4, claimsPaidFen: 3 * 1_000 + 2_000 });

    // o1 was shipped in time after all: its violation goes, and o4 now follows only two.
    const r = await post([shipped("o1", "2024-02-10T15:00:00+08:00")]);
    const claimDecisions = r.decisions.filter((d: { type: string }) => d.type.startsWith("claim."));
    expect(claimDecisions).toEqual([
      expect.objectContaining({ type: "claim.reversed", orderId: "o1", amountFen: 1_000 }),
      expect.objectContaining({
        type: "claim.reversed",
        orderId: "o4",
        amountFen: 2_000,
        reason: "repriced",
      }),
      expect.objectContaining({
        type: "claim.paid",
        orderId: "o4",
        amountFen: 1_000,
        rule: "standard",
        revision: 1,
      }),
    ]);
    const after = await api.call("operator", "GET", `${base}/fulfilment/totals`);
    expect(after.json()).toMatchObject({ claimsPaid: 3, claimsPaidFen: 3 * 1_000 });
    // The same correction again changes nothing.
    const again = await post([shipped("o1", "2024-02-10T15:00:00+08:00")]);
    expect(again.decisions).toEqual([]);
    const o4 = (await api.call("m1", "GET", `${base}/merchants/m1/orders/o4`)).json();
    expect(o4.order.claim).toMatchObject({ amountFen: 1_000, revision: 1 });
  });

  it("relists a product whose third violation is revoked, in the venue too", async () => {
    await seedFacts(api); // the venue shows products with facts
    await post([
      listed("m1-p0"),
      ...["o1", "o2", "o3"].map((o, i) => paid(o, `2024-02-10T0${i + 1}:00:00+08:00`, "m1-p0")),
    ]);
    await sweepAt("2024-02-11T12:00:00+08:00");
    const venue = async () =>
      (await api.call("operator", "GET", `${base}/venue`))
        .json()
        .items.map((i: { productId: string }) => i.productId);
    expect(await venue()).toEqual([]);
    // Clicked in time; its scan is owed by 02-11 20:00, after the server's clock.
    const r = await post([shipped("o3", "2024-02-10T20:00:00+08:00")]);
    expect(r.decisions.map((d: { type: string }) => d.type)).toEqual([
      "violation.revoked",
      "claim.reversed",
      "listing.relisted",
    ]);
    expect(await venue()).toEqual(["m1-p0"]);
  });

  it("withdraws a held claim with its violation; it can no longer be paid", async () => {
    await post([listed("p1"), paid("o1", "2024-02-10T09:00:00+08:00", "p1", "high")]);
    await sweepAt("2024-02-11T12:00:00+08:00");
    const open = async () =>
      (await api.call("operator", "GET", `${base}/claims/held`)).json().items.length;
    expect(await open()).toBe(1);
    const r = await post([shipped("o1", "2024-02-10T20:00:00+08:00")]);
    expect(r.decisions.map((d: { type: string }) => d.type)).toContain("claim.withdrawn");
    expect(await open()).toBe(0);
    const pay = await api.call("operator", "POST", `${base}/claims/held/o1/late_shipment`, {
      decision: "pay",
    });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.code).toBe("claim_withdrawn");
  });

  it("reverses a held claim a person paid, with the amount paid", async () => {
    await post([listed("p1"), paid("o1", "2024-02-10T09:00:00+08:00", "p1", "high")]);
    await sweepAt("2024-02-11T12:00:00+08:00");
    const pay = await api.call("operator", "POST", `${base}/claims/held/o1/late_shipment`, {
      decision: "pay",
    });
    expect(pay.statusCode).toBe(200);
    const r = await post([shipped("o1", "2024-02-10T20:00:00+08:00")]);
    expect(r.decisions[1]).toMatchObject({
      type: "claim.reversed",
      orderId: "o1",
      amountFen: 1_000,
    });
  });

  it("reinstates a merchant whose exit came from a violation that is revoked", async () => {
    const products = ["p1", "p2", "p3", "p4"];
    const orders = Array.from({ length: 10 }, (_, i) =>
      paid(`o${i}`, `2024-02-10T0${Math.floor(i / 2)}:0${i % 2}:00+08:00`, products[i % 4]),
    );
    await post([...products.map(listed), ...orders]);
    await sweepAt("2024-02-11T12:00:00+08:00");
    const status = async () =>
      (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json().status;
    expect(await status()).toBe("exited");
    const r = await post([shipped("o9", "2024-02-10T20:00:00+08:00")]);
    expect(r.decisions.map((d: { type: string }) => d.type)).toContain("merchant.reinstated");
    expect(await status()).toBe("active");
  });

  it("two producers posting interleaved batches at once: nothing lost, nothing twice", async () => {
    api.clock.set(START + 40 * 24 * HOUR);
    await fc.assert(
      fc.asyncProperty(
        campaignStream,
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        async (stream, seeds) => {
          // Each run its own campaign data: ids made unique per run.
          const run = `r${Math.random().toString(36).slice(2, 8)}`;
          const rename = (text: string) => text.replace(/"(o|p|m|b|r|T)(\d+)"/g, `"${run}$1$2"`);
          const lines = stream.map((t) => rename(lineOf(t)));
          // The sorted stream replayed, then time settled far ahead: the net state to reach.
          const session = new ReplaySession(api.campaign.campaign);
          let out = "";
          lines.forEach((l, i) => {
            out += session.line(l, i + 1);
          });
          out += session.line(lineOf({ t: 40 * 24 * HOUR, event: { type: "clock" } }), 0);
          out += session.finish();
          // The reference campaign's claim table weighs the merchant's history (history-3): the
          // claims' amounts too must come out as the sorted stream's, whatever the arrival.
          const sorted = out
            .split("\n")
            .filter((l) => l !== "" && !l.startsWith('{"line"'))
            .map((l) => JSON.parse(l));
          const expected = netState(sorted);
          // Two producers, each with its share in its own order, batches sent at once.
          const events = lines.map((l, i) => ({ id: `${run}-${i}`, ...JSON.parse(l) }));
          const shuffled = events
            .map((e, i) => ({ e, k: (seeds[i % seeds.length]! * 7919 + i * 104729) % 1000 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.e);
          const producers = [
            shuffled.filter((_, i) => i % 2 === 0),
            shuffled.filter((_, i) => i % 2 === 1),
          ];
          let pending = producers;
          const decisions: Array<Record<string, unknown>> = [];
          for (let round = 0; round < 6 && pending.some((p) => p.length > 0); round++) {
            const retry: object[][] = [[], []];
            await Promise.all(
              pending.map(async (share, p) => {
                for (let i = 0; i < share.length; i += 7) {
                  const batch = share.slice(i, i + 7);
                  const answer = await post(batch);
                  decisions.push(...answer.decisions);
                  for (const e of answer.errors) {
                    // An event ahead of its order's payment is refused and sent again later;
                    // the stream's own mistakes (a second click, an unknown order) stay refused.
                    const event = batch[e.index] as { orderId?: string };
                    expect(["already_shipped", "unknown_order"]).toContain(e.error.code);
                    if (e.error.code === "unknown_order" && event.orderId !== "no-such-order") {
                      retry[p]!.push(event);
                    }
                  }
                }
              }),
            );
            pending = retry;
          }
          await new DeadlineSweeper(api.ctx).sweepOnce();
          const feed = await allDecisions(api, run);
          expect(netState(feed)).toEqual(expected);
          // Each amount is what the row the claim names pays on its order.
          const orderAmount = new Map(
            events
              .filter((e) => e.type === "order.paid")
              .map((e) => [e.orderId as string, e.amountFen as number]),
          );
          const rows = api.campaign.campaign.policy.claims;
          for (const claim of feed.filter((d) => d.type === "claim.paid" && !d.resolvedFrom)) {
            const outcome = rows.find((r) => r.id === claim.rule)?.outcome;
            if (outcome?.action !== "pay") throw new Error(`claim by no pay row: ${claim.rule}`);
            const amount = orderAmount.get(claim.orderId as string)!;
            expect(claim.amountFen).toBe(payFen(amount, outcome));
          }
          // No effect taken twice: every decision row has its own key (the table's unique key),
          // and no violation is recorded twice without a revocation between.
          const recorded = feed.filter((d) => d.type === "violation.recorded");
          const revoked = feed.filter((d) => d.type === "violation.revoked");
          expect(recorded.length - revoked.length).toBe(expected.violations.length);
        },
      ),
      { numRuns: kind === "sqlite" ? 10 : 5 },
    );
  }, 180_000);
});

/** Every decision of the campaign about this run's orders and products, from the feed. */
async function allDecisions(api: TestApi, run: string) {
  const out: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const url: string = `${base}/decisions?limit=1000${cursor ? `&cursor=${cursor}` : ""}`;
    const page = (await api.call("operator", "GET", url)).json();
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return out.filter((d) =>
    [d.orderId, d.productId, d.merchantId].some(
      (id) => typeof id === "string" && id.startsWith(run),
    ),
  );
}
