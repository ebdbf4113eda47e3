/**
 * The merchant's inbox: review outcomes and the engine's decisions about the merchant, worded in
 * zh and en with a link; unread counts; marking one or all read; who may read and mark.
 */
import { beforeEach, expect, it } from "vitest";
import {
  CAMPAIGN,
  freshApi,
  registrationsUrl,
  seedFacts,
  type TestApi,
} from "../../../test/support/api.js";
import { paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;
const inbox = `${base}/merchants/m1/inbox`;

interface Item {
  id: string;
  type: string;
  read: boolean;
  title: { zh: string; en: string };
  detail: { zh: string; en: string } | null;
  subject: { type: string; id: string };
  href: string;
  decisionId: string | null;
}

describeStores("merchant inbox", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind);
    await seedFacts(api);
    const reg = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p0" }, { productId: "m1-p1" }],
    });
    expect(reg.statusCode).toBe(200);
    const queue = (await api.call("operator", "GET", `${base}/review-queue`)).json().items;
    const idOf = (p: string) => queue.find((r: { productId: string }) => r.productId === p).id;
    const review = await api.call("operator", "POST", `${base}/reviews`, {
      decisions: [
        { registrationId: idOf("m1-p0"), decision: "approve" },
        { registrationId: idOf("m1-p1"), decision: "reject", reason: "主图含联系方式" },
      ],
    });
    expect(review.statusCode).toBe(200);
    api.clock.set(parseInstant("2024-02-13T12:00:00+08:00")!);
    const events = await api.call("channel", "POST", "/api/v1/events", [
      paid("o1", "2024-02-10T11:00:00+08:00", "m1", "m1-p0"),
      paid("o2", "2024-02-10T11:05:00+08:00", "m1", "m1-p0"),
      {
        type: "refund.requested",
        at: "2024-02-10T11:10:00+08:00",
        orderId: "o2",
        refundId: "r2",
        amountFen: 20_000,
        kind: "refund_only",
      },
      {
        type: "order.shipped",
        at: "2024-02-10T13:00:00+08:00",
        orderId: "o2",
        trackingNo: "SF1",
        carrier: "SF",
      },
      { type: "clock", at: "2024-02-13T11:00:00+08:00" },
    ]);
    expect(events.json().errors).toEqual([]);
  });

  const list = async (
    who: "m1" | "operator" = "m1",
    query = "",
  ): Promise<{
    items: Item[];
    unread: number;
    nextCursor: string | null;
  }> => {
    const res = await api.call(who, "GET", `${inbox}${query}`);
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it("tells the merchant of reviews, violations, claims and intercepts, with links", async () => {
    const { items, unread } = await list();
    const types = items.map((i) => i.type);
    expect(types).toEqual(
      expect.arrayContaining([
        "review.approved",
        "review.rejected",
        "violation.recorded",
        "claim.paid",
        "parcel.intercept_required",
      ]),
    );
    expect(types).not.toContain("refund.approved");
    expect(unread).toBe(items.length);
    for (const i of items) {
      expect(i.read).toBe(false);
      expect(i.title.zh.length).toBeGreaterThan(0);
      expect(i.title.en.length).toBeGreaterThan(0);
      expect(i.title.en).not.toMatch(/New decision/);
    }
    const rejected = items.find((i) => i.type === "review.rejected")!;
    expect(rejected.detail?.zh).toContain("主图含联系方式");
    expect(rejected.subject.type).toBe("registration");
    expect(rejected.href).toBe("/merchants/m1/registrations");
    const violation = items.find((i) => i.type === "violation.recorded")!;
    expect(violation.subject).toEqual({ type: "order", id: "o1" });
    expect(violation.href).toBe("/merchants/m1/orders/o1");
    expect(violation.title.zh).toContain("超时未发货");
    expect(violation.decisionId).toBe(`${CAMPAIGN}:violation:o1:late_shipment`);
    const intercept = items.find((i) => i.type === "parcel.intercept_required")!;
    expect(intercept.detail?.en).toContain("SF1");
    // Products are named by title.
    expect(items.find((i) => i.type === "review.approved")!.title.zh).toContain("m1-p0");
  });

  it("pages through every notification once, newest first", async () => {
    const all = (await list()).items.map((i) => i.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list("m1", `?limit=2${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it("marks one, then all read; a later decision is unread again", async () => {
    const { items, unread } = await list();
    const one = await api.call("m1", "POST", `${inbox}/read`, { ids: [items[0]!.id] });
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual({ unread: unread - 1 });
    expect((await list()).items[0]!.read).toBe(true);
    // Marking it again changes nothing.
    await api.call("m1", "POST", `${inbox}/read`, { ids: [items[0]!.id] });
    expect((await api.call("m1", "GET", `${inbox}/unread`)).json()).toEqual({ unread: unread - 1 });

    const all = await api.call("m1", "POST", `${inbox}/read`, { all: true });
    expect(all.json()).toEqual({ unread: 0 });
    expect((await list()).items.every((i) => i.read)).toBe(true);

    // o1 was shipped in time after all: the revocation and the reversal are news.
    await api.call("channel", "POST", "/api/v1/events", [
      { type: "order.picked_up", at: "2024-02-10T15:00:00+08:00", orderId: "o1" },
      {
        type: "order.shipped",
        at: "2024-02-10T12:00:00+08:00",
        orderId: "o1",
        trackingNo: "T1",
        carrier: "SF",
      },
    ]);
    const after = await list();
    const fresh = after.items.filter((i) => !i.read).map((i) => i.type);
    expect(fresh).toEqual(expect.arrayContaining(["violation.revoked", "claim.reversed"]));
    expect(after.unread).toBe(fresh.length);
  });

  it("tells the merchant of the decision on its appeal, a dismissal too", async () => {
    // A dismissal is no engine decision: the merchant heard of it nowhere before.
    const appeal = async () => {
      const filed = await api.call("m1", "POST", `${base}/merchants/m1/appeals`, {
        orderId: "o1",
        kind: "late_shipment",
        reason: "快递漏扫",
      });
      expect(filed.statusCode).toBe(201);
      return filed.json().appealId as string;
    };
    const decide = (id: string, decision: string, note: string) =>
      api.call("operator", "POST", `/api/v1/appeals/${id}/decision`, { decision, note });
    expect((await decide(await appeal(), "dismiss", "无揽收记录")).statusCode).toBe(200);
    const { items, unread } = await list();
    // The test's clock stands still: the outcome shares its instant with the decisions.
    const dismissed = items.find((i) => i.type === "appeal.dismissed")!;
    expect(dismissed).toMatchObject({
      type: "appeal.dismissed",
      read: false,
      subject: { type: "order", id: "o1" },
      decisionId: null,
    });
    expect(dismissed.title.en).toBe("Order o1: your appeal was dismissed");
    expect(dismissed.detail?.zh).toContain("无揽收记录");
    const read = await api.call("m1", "POST", `${inbox}/read`, { ids: [dismissed.id] });
    expect(read.json()).toEqual({ unread: unread - 1 });

    expect((await decide(await appeal(), "uphold", "补充了揽收截图")).statusCode).toBe(200);
    const types = (await list()).items.map((i) => i.type);
    expect(types).toEqual(expect.arrayContaining(["appeal.upheld", "violation.revoked"]));
    // Another merchant's inbox holds none of it.
    const m2 = await api.call("m2", "GET", `${base}/merchants/m2/inbox`);
    expect(m2.json().items).toEqual([]);
  });

  it("is the merchant's own: operators read it, only the merchant marks it", async () => {
    expect((await api.call("m2", "GET", inbox)).statusCode).toBe(403);
    const seen = await list("operator");
    expect(seen.items.length).toBeGreaterThan(0);
    const mark = await api.call("operator", "POST", `${inbox}/read`, { all: true });
    expect(mark.statusCode).toBe(403);
    expect((await list()).unread).toBe(seen.unread);
    // m2's inbox is its own (empty here).
    const m2 = await api.call("m2", "GET", `${base}/merchants/m2/inbox`);
    expect(m2.json()).toEqual({ items: [], unread: 0, nextCursor: null });
  });

  it("refuses ids that are not in this inbox", async () => {
    for (const ids of [["d:999999"], ["x:1"], ["r:1"]]) {
      const res = await api.call("m2", "POST", `${base}/merchants/m2/inbox/read`, { ids });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe("notification_not_found");
    }
    const bad = await api.call("m1", "POST", `${inbox}/read`, { ids: [] });
    expect(bad.statusCode).toBe(400);
    expect((await api.call("m1", "GET", `${inbox}?cursor=zzz`)).statusCode).toBe(400);
  });

  it("says which bodies it takes when it gets neither", async () => {
    // Was a bare "Invalid input" at the top level: nothing said what to send.
    for (const body of [{}, { all: false }, { all: "yes" }, { ids: "d:1" }]) {
      const res = await api.call("m1", "POST", `${inbox}/read`, body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.issues).toEqual([
        expect.objectContaining({
          in: "body",
          path: "(top level)",
          message: expect.stringContaining('{"ids": ["d:SEQ", …]}'),
        }),
      ]);
      expect(res.json().error.issues[0].message).toContain('{"all": true}');
    }
  });
});
