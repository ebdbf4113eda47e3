/**
 * The console's orders: most urgent first, states, search, counts, paging; and a merchant's answer
 * to a refund awaiting it — once, own refunds only, audited.
 */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { validProduct } from "../../domain/eligibility/fixtures.js";
import { parseInstant } from "../../domain/time/parse.js";

const C = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("console orders", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-11T12:00:00+08:00")!);
    // m1 (24 h guarantee): a1 paid first and still to ship (due 02-11 13:00), a2 paid later and
    // due later, s1 shipped, x1 not shipped in time (late), r1 shipped then a return requested.
    const r = await api.call("channel", "POST", "/api/v1/events", [
      listed("p1", "m1"),
      listed("p2", "m2"),
      paid("x1", "2024-02-09T10:00:00+08:00"),
      paid("s1", "2024-02-10T09:00:00+08:00"),
      paid("r1", "2024-02-10T09:30:00+08:00"),
      {
        type: "order.shipped",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "s1",
        trackingNo: "T1",
        carrier: "SF",
      },
      {
        type: "order.shipped",
        at: "2024-02-10T10:00:00+08:00",
        orderId: "r1",
        trackingNo: "T2",
        carrier: "SF",
      },
      {
        type: "refund.requested",
        at: "2024-02-10T11:00:00+08:00",
        orderId: "r1",
        refundId: "rf1",
        amountFen: 20_000,
        kind: "return_refund",
      },
      paid("a1", "2024-02-10T13:00:00+08:00"),
      paid("a2", "2024-02-11T11:00:00+08:00"),
      paid("m2o", "2024-02-11T11:30:00+08:00", "m2", "p2"),
      { type: "clock", at: "2024-02-11T12:00:00+08:00" },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  const triage = async (query = "", who: "m1" | "operator" = "m1") => {
    const url =
      who === "m1" ? `${C}/merchants/m1/orders/triage${query}` : `${C}/orders/triage${query}`;
    const res = await api.call(who, "GET", url);
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  const ids = (page: { items: { orderId: string }[] }) => page.items.map((o) => o.orderId);

  it("lists the orders to ship first, soonest due first, then the rest newest first", async () => {
    const page = await triage();
    expect(ids(page)).toEqual(["a1", "a2", "r1", "s1", "x1"]);
    expect(page.counts).toMatchObject({
      all: 5,
      to_ship: 2,
      late_unshipped: 1,
      in_transit: 2,
      // x1 shipped late; s1 and r1 shipped but not picked up within 24 h (false shipments).
      violations: 3,
      refund_pending: 1,
    });
    expect(page.items.find((o: { orderId: string }) => o.orderId === "r1").awaiting).toEqual([
      expect.objectContaining({ refundId: "rf1", response: null }),
    ]);
  });

  it("filters by state, searches, and pages across both phases", async () => {
    expect(ids(await triage("?state=to_ship"))).toEqual(["a1", "a2"]);
    expect(ids(await triage("?state=late_unshipped"))).toEqual(["x1"]);
    expect(ids(await triage("?state=refund_pending"))).toEqual(["r1"]);
    expect(ids(await triage("?q=s1"))).toEqual(["s1"]);
    expect(ids(await triage("?state=all", "operator"))).toEqual([
      "a1",
      "a2",
      "m2o",
      "r1",
      "s1",
      "x1",
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await triage(`?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      if (cursor === null) expect(page.counts.all).toBe(5);
      else expect(page.counts).toBeUndefined();
      seen.push(...ids(page));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["a1", "a2", "r1", "s1", "x1"]);
  });

  it("counts each page's own orders when pages are asked at once", async () => {
    const m2 = async () => (await api.call("m2", "GET", `${C}/merchants/m2/orders/triage`)).json();
    const counts = (pages: Array<{ counts: { all: number } }>) => pages.map((p) => p.counts);
    const alone = counts([await triage(), await triage("", "operator"), await m2()]);
    expect(alone.map((c) => c.all)).toEqual([5, 6, 1]);
    // Asked in one turn: the merchant's, the campaign's and the other merchant's counts, each
    // its own (a read shared among requests is shared only by those asking the same).
    const together = counts(await Promise.all([triage(), triage("", "operator"), m2(), triage()]));
    expect(together).toEqual([...alone, alone[0]]);
  });

  it("names each order's product by its title, null for a product without facts", async () => {
    const titled = { ...validProduct("p1", "m1"), title: "纯棉毛巾礼盒" };
    const put = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [titled],
    });
    expect(put.statusCode).toBe(200);
    for (const query of ["", "?state=to_ship", "?q=s1"]) {
      const page = await triage(query, "operator");
      expect(page.items.length).toBeGreaterThan(0);
      for (const order of page.items) {
        expect(order.title).toBe(order.productId === "p1" ? "纯棉毛巾礼盒" : null);
      }
    }
    expect((await triage("", "operator")).items.map((o: { title: unknown }) => o.title)).toEqual([
      "纯棉毛巾礼盒",
      "纯棉毛巾礼盒",
      null,
      "纯棉毛巾礼盒",
      "纯棉毛巾礼盒",
      "纯棉毛巾礼盒",
    ]);
  });

  it("names each order's product in the orders by payment and in one order's timeline", async () => {
    const titled = { ...validProduct("p1", "m1"), title: "纯棉毛巾礼盒" };
    await api.call("platform", "PUT", "/api/v1/facts/products", { products: [titled] });
    for (const [who, url] of [
      ["operator", `${C}/orders?limit=50`],
      ["m1", `${C}/merchants/m1/orders?limit=50`],
    ] as const) {
      const res = await api.call(who, "GET", url);
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<Record<string, unknown>>;
      expect(items.length).toBeGreaterThan(0);
      for (const order of items) {
        expect(order.title).toBe(order.productId === "p1" ? "纯棉毛巾礼盒" : null);
      }
    }
    const one = await api.call("m1", "GET", `${C}/merchants/m1/orders/s1`);
    expect(one.statusCode).toBe(200);
    expect(one.json().order.title).toBe("纯棉毛巾礼盒");
  });

  it("lets the merchant answer a refund awaiting it once, and records it", async () => {
    const url = `${C}/merchants/m1/refunds/r1/rf1/response`;
    const refused = await api.call("m1", "POST", url, { decision: "refuse" });
    expect(refused.statusCode).toBe(400);
    const other = await api.call("m2", "POST", url, { decision: "approve" });
    expect(other.statusCode).toBe(403);
    const operator = await api.call("operator", "POST", url, { decision: "approve" });
    expect(operator.statusCode).toBe(403);
    const ok = await api.call("m1", "POST", url, { decision: "approve", note: "已收到退货" });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ orderId: "r1", refundId: "rf1", decision: "approve" });
    const again = await api.call("m1", "POST", url, { decision: "refuse", note: "x" });
    expect(again.statusCode).toBe(409);
    const unknown = await api.call("m1", "POST", `${C}/merchants/m1/refunds/s1/nope/response`, {
      decision: "approve",
    });
    expect(unknown.statusCode).toBe(404);
    const page = await triage();
    expect(page.counts.refund_pending).toBe(0);
    expect(
      page.items.find((o: { orderId: string }) => o.orderId === "r1").awaiting[0].response,
    ).toMatchObject({
      decision: "approve",
      note: "已收到退货",
    });
    const audit = (await api.call("operator", "GET", `${C}/audit`)).json().items;
    expect(audit.map((a: { action: string }) => a.action)).toContain("refund.approve");
  });
});
