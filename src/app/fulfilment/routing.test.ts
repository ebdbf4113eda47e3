/**
 * Two campaigns whose activities overlap: an event about an order goes to the campaign where the
 * order was paid, not to the campaign that started most recently.
 */
import { readFile } from "node:fs/promises";
import { beforeEach, expect, it } from "vitest";
import { freshApi, type TestApi } from "../../../test/support/api.js";
import { REFERENCE_CAMPAIGN } from "../../../test/support/app.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";

const LATER = "spring-festival-2024-late";

/** The reference campaign again, under another id, its activity starting two days later. */
async function laterCampaign(): Promise<string> {
  const text = await readFile(REFERENCE_CAMPAIGN, "utf8");
  const renamed = text.replace(/^id: spring-festival-2024$/m, `id: ${LATER}`);
  const moved = renamed.replace(
    /activity:\n {4}start: "2024-02-09 00:00:00"\n {4}end: "2024-02-16 23:59:59"/,
    'activity:\n    start: "2024-02-11 00:00:00"\n    end: "2024-02-20 23:59:59"',
  );
  if (moved === renamed || renamed === text) throw new Error("reference campaign layout changed");
  return moved;
}

const paid = (id: string, orderId: string, at: string, productId: string) => ({
  id,
  type: "order.paid",
  at,
  orderId,
  merchantId: "m1",
  productId,
  amountFen: 9_900,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: "normal" },
});

describeStores("events with overlapping campaigns", (kind) => {
  let api: TestApi;
  let earlyHash: string;
  let lateHash: string;
  beforeEach(async () => {
    api = await freshApi(kind);
    earlyHash = api.campaign.campaign.hash;
    const at = parseInstant("2024-02-09T00:00:00+08:00")!;
    const loaded = await api.ctx.campaigns.load(
      await laterCampaign(),
      "late.yaml",
      "test",
      at,
      "if_new",
    );
    if (!loaded.ok) throw new Error(loaded.problems[0]?.message);
    lateHash = loaded.loaded.campaign.hash;
  });

  const orderIds = async (campaignId: string) =>
    (await api.call("operator", "GET", `/api/v1/campaigns/${campaignId}/orders`))
      .json()
      .items.map((o: { orderId: string }) => o.orderId)
      .sort();

  it("follows each order to the campaign it was paid in, across batches and inside one", async () => {
    const first = await api.call("channel", "POST", "/api/v1/events", [
      {
        id: "l1",
        type: "product.listed",
        at: "2024-02-09T08:00:00+08:00",
        merchantId: "m1",
        productId: "p1",
        shippingGuaranteeHours: 48,
      },
      paid("e1", "o1", "2024-02-10T09:00:00+08:00", "p1"),
    ]);
    expect(first.json()).toMatchObject({ accepted: 2, errors: [] });

    // The later campaign has started; o1 and o3 were paid in the earlier one.
    api.clock.set(parseInstant("2024-02-11T10:30:00+08:00")!);
    const second = await api.call("channel", "POST", "/api/v1/events", [
      paid("e2", "o3", "2024-02-10T23:00:00+08:00", "p1"),
      {
        id: "l2",
        type: "product.listed",
        at: "2024-02-11T00:30:00+08:00",
        merchantId: "m1",
        productId: "p2",
        shippingGuaranteeHours: 48,
      },
      {
        id: "e3",
        type: "order.shipped",
        at: "2024-02-11T01:00:00+08:00",
        orderId: "o3",
        trackingNo: "T3",
        carrier: "yto",
      },
      {
        id: "e4",
        type: "refund.requested",
        at: "2024-02-11T10:00:00+08:00",
        orderId: "o1",
        refundId: "r1",
        amountFen: 9_900,
        kind: "refund_only",
      },
      paid("e5", "o2", "2024-02-11T10:00:00+08:00", "p2"),
    ]);
    const answer = second.json();
    expect(answer).toMatchObject({ accepted: 5, errors: [] });
    expect(answer.decisions).toEqual([
      expect.objectContaining({ type: "refund.approved", orderId: "o1", campaign: earlyHash }),
    ]);
    expect(await orderIds("spring-festival-2024")).toEqual(["o1", "o3"]);
    expect(await orderIds(LATER)).toEqual(["o2"]);
    expect(lateHash).not.toBe(earlyHash);
  });

  it("places an order in a campaign whose venue lists its product, whatever started later", async () => {
    // p24 is listed (24 h guarantee) in the earlier campaign only; p-new in the later one only.
    const listed = (id: string, productId: string, at: string, hours: number) => ({
      id,
      type: "product.listed",
      at,
      merchantId: "m1",
      productId,
      shippingGuaranteeHours: hours,
    });
    const first = await api.call("channel", "POST", "/api/v1/events", [
      listed("l24", "p24", "2024-02-09T08:00:00+08:00", 24),
    ]);
    expect(first.json()).toMatchObject({ accepted: 1, errors: [] });
    const second = await api.call("channel", "POST", "/api/v1/events", [
      listed("lnew", "p-new", "2024-02-11T08:00:00+08:00", 48),
      // After the later campaign started: by time alone both would go there.
      paid("e24", "o24", "2024-02-12T09:00:00+08:00", "p24"),
      paid("enew", "o-new", "2024-02-12T09:00:00+08:00", "p-new"),
      paid("eany", "o-any", "2024-02-12T09:00:00+08:00", "p-nowhere"),
    ]);
    expect(second.json()).toMatchObject({ accepted: 4, errors: [] });
    expect(await orderIds("spring-festival-2024")).toEqual(["o24"]);
    expect(await orderIds(LATER)).toEqual(["o-any", "o-new"]);
    const order = (
      await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024/orders")
    ).json().items[0];
    // The listing's own guarantee: 24 h after payment.
    expect(order.shipDueAt).toBe("2024-02-13T09:00:00+08:00");
  });

  it("does not place an order in a campaign that lists the product but has not started", async () => {
    // p-future is in the later campaign's venue only (approved there ahead of its activity).
    const listedAt = parseInstant("2024-02-09T08:00:00+08:00")!;
    await listFromChannel(api.ctx.store.db, LATER, [
      { productId: "p-future", merchantId: "m1", at: listedAt, eventId: "l-future" },
    ]);
    // Paid on the 10th: the later campaign opens on the 11th, so by time, the earlier one.
    const r = await api.call("channel", "POST", "/api/v1/events", [
      paid("e-future", "o-future", "2024-02-10T12:00:00+08:00", "p-future"),
    ]);
    expect(r.json()).toMatchObject({ accepted: 1, errors: [] });
    expect(await orderIds("spring-festival-2024")).toEqual(["o-future"]);
    expect(await orderIds(LATER)).toEqual([]);
  });
});
