/**
 * CSV exports over HTTP: operators export the whole campaign, a merchant only its own data;
 * the files open in Excel (BOM, CRLF, quoting) and text that would run as a formula is
 * neutralised.
 */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { csvObjects } from "../../../test/support/csv.js";
import { fulfilmentStory, listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant, validProduct } from "../../domain/eligibility/fixtures.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;
const NASTY = '=HYPERLINK("http://evil"),衣架\n"二"';

describeStores("CSV exports", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-12T10:00:00+08:00")!);
    const facts = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [{ ...validProduct("p1", "m1"), title: NASTY }, validProduct("p2", "m2")],
    });
    expect(facts.statusCode).toBe(200);
    await api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [validMerchant("m1"), validMerchant("m2")],
    });
    const r = await api.call("channel", "POST", "/api/v1/events", [
      ...fulfilmentStory().slice(0, -1),
      listed("p9", "m2"),
      { ...paid("h1", "2024-02-10T09:30:00+08:00", "m2", "p2"), buyer: { id: "bh", risk: "high" } },
      { type: "clock", at: "2024-02-12T00:00:00+08:00" },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  const get = (who: "operator" | "m1" | "m2", path: string) => api.call(who, "GET", path);

  it("exports every order of the campaign for operators, titles neutralised", async () => {
    const res = await get("operator", `${base}/exports/orders.csv`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toContain(`filename="${CAMPAIGN}-orders.csv"`);
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csvObjects(res.body);
    expect(rows.map((r) => r.order_id)).toEqual(["h1", "o1", "o2", "o3"]);
    const o1 = rows.find((r) => r.order_id === "o1")!;
    expect(o1).toMatchObject({
      merchant_id: "m1",
      product_id: "p1",
      product_title: `'${NASTY}`,
      amount_fen: "20000",
      paid_at: "2024-02-10T09:00:00+08:00",
      shipped_at: "2024-02-10T12:00:00+08:00",
      tracking_no: "T1",
      carrier: "SF",
      violation: "",
      campaign_order: "true",
    });
    expect(rows.find((r) => r.order_id === "o2")).toMatchObject({
      violation: "late_shipment",
      claim_status: "paid",
      claim_amount_fen: "1000",
    });
    expect(rows.find((r) => r.order_id === "o3")).toMatchObject({ refund_ids: "r3" });
  });

  it("gives a merchant its own rows only, and Chinese headers on ?lang=zh", async () => {
    const res = await get("m1", `${base}/merchants/m1/exports/orders.csv?lang=zh`);
    expect(res.statusCode).toBe(200);
    const rows = csvObjects(res.body);
    expect(rows.map((r) => r.订单号)).toEqual(["o1", "o2"]);
    expect(Object.keys(rows[0]!)).toContain("订单金额(分)");
    expect((await get("m1", `${base}/merchants/m2/exports/orders.csv`)).statusCode).toBe(403);
    expect((await get("m1", `${base}/exports/orders.csv`)).statusCode).toBe(403);
    expect((await get("operator", `${base}/merchants/m2/exports/claims.csv`)).statusCode).toBe(200);
  });

  it("exports violations, claims with their effect on the deposit, registrations, audit", async () => {
    const violations = csvObjects((await get("operator", `${base}/exports/violations.csv`)).body);
    expect(violations.map((v) => [v.order_id, v.kind, v.status])).toEqual([
      ["o2", "late_shipment", "in_force"],
      ["h1", "late_shipment", "in_force"],
    ]);
    expect(violations[0]!.decision_id).toBe(`${CAMPAIGN}:violation:o2:late_shipment`);

    const claims = csvObjects((await get("operator", `${base}/exports/claims.csv`)).body);
    expect(claims.map((c) => [c.order_id, c.type, c.amount_fen, c.deposit_effect_fen])).toEqual([
      ["o2", "claim.paid", "1000", "-1000"],
      ["h1", "claim.held", "", "0"],
    ]);
    const mine = csvObjects((await get("m2", `${base}/merchants/m2/exports/claims.csv`)).body);
    expect(mine.map((c) => c.order_id)).toEqual(["h1"]);

    for (const file of ["registrations.csv", "audit.csv"]) {
      const res = await get("operator", `${base}/exports/${file}`);
      expect(res.statusCode).toBe(200);
      expect(res.body.startsWith("\uFEFF")).toBe(true);
    }
  });

  it("exports appeals with their evidence and decision; a merchant its own", async () => {
    // o2 (m1's) and h1 (m2's) are late: both appeal, an operator dismisses m1's.
    const filed = await api.call("m1", "POST", `${base}/merchants/m1/appeals`, {
      orderId: "o2",
      kind: "late_shipment",
      reason: "揽收晚了",
      evidence: { trackingNo: "T2", pickedUpAt: "2024-02-11T08:00:00+08:00" },
    });
    expect(filed.statusCode).toBe(201);
    const h1 = await api.call("m2", "POST", `${base}/merchants/m2/appeals`, {
      orderId: "h1",
      kind: "late_shipment",
      reason: "carrier late",
    });
    expect(h1.statusCode).toBe(201);
    const dismissed = await api.call(
      "operator",
      "POST",
      `/api/v1/appeals/${filed.json().appealId}/decision`,
      { decision: "dismiss", note: "no scan" },
    );
    expect(dismissed.statusCode).toBe(200);
    const rows = csvObjects((await get("operator", `${base}/exports/appeals.csv`)).body);
    expect(rows.map((r) => [r.order_id, r.status])).toEqual([
      ["o2", "dismissed"],
      ["h1", "open"],
    ]);
    expect(rows[0]).toMatchObject({
      appeal_id: filed.json().appealId,
      merchant_id: "m1",
      reason: "揽收晚了",
      evidence: JSON.stringify({ trackingNo: "T2", pickedUpAt: "2024-02-11T08:00:00+08:00" }),
      filed_at: "2024-02-12T10:00:00+08:00",
      decided_at: "2024-02-12T10:00:00+08:00",
      decision_note: "no scan",
    });
    const mine = csvObjects((await get("m2", `${base}/merchants/m2/exports/appeals.csv`)).body);
    expect(mine.map((r) => r.order_id)).toEqual(["h1"]);
  });

  it("lists the exports and refuses unknown files and campaigns", async () => {
    const list = (await get("m1", `${base}/merchants/m1/exports`)).json();
    expect(list.items.map((e: { name: string }) => e.name)).toEqual([
      "orders",
      "violations",
      "claims",
      "registrations",
      "appeals",
      "audit",
    ]);
    expect(list.items[0].path).toBe(`${base}/merchants/m1/exports/orders.csv`);
    expect((await get("operator", `${base}/exports/secrets.csv`)).statusCode).toBe(400);
    const none = await get("operator", "/api/v1/campaigns/nope/exports/orders.csv");
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe("campaign_not_found");
  });
});
