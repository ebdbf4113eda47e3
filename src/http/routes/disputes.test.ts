/**
 * Appeals and withdrawal through the API (docs/interfaces.md, "Disputes and the merchant's own exit"):
 * who may do what, the 409s, an upheld appeal undoing its violation with every correction, both
 * sides seeing the outcome, the audit, and a withdrawal that is final.
 */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { DeadlineSweeper } from "../../app/fulfilment/sweeper.js";
import { createToken } from "../../app/tokens.js";
import { validProduct } from "../../domain/eligibility/fixtures.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;
const NOW = parseInstant("2024-02-12T10:00:00+08:00")!;
const appealsOf = (m: string) => `${base}/merchants/${m}/appeals`;

describeStores("appeals and withdrawal", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, NOW);
    // m1: o1 and o2 never shipped within 24 h (late at 02-11 09:00 and 09:10: claims paid, weight
    // 0.5 then 0.25); m2: h1 late too, its buyer high-risk (claim held).
    const r = await api.call("channel", "POST", "/api/v1/events", [
      listed("p1", "m1"),
      listed("p2", "m2"),
      paid("o1", "2024-02-10T09:00:00+08:00"),
      paid("o2", "2024-02-10T09:10:00+08:00"),
      {
        ...paid("h1", "2024-02-10T09:00:00+08:00", "m2", "p2"),
        buyer: { id: "b-h1", risk: "high" },
      },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  const file = (orderId: string, who: "m1" | "m2" = "m1", path = appealsOf(who), extra = {}) =>
    api.call(who, "POST", path, {
      orderId,
      kind: "late_shipment",
      reason: "快递揽收晚了，发货是准时的",
      evidence: { trackingNo: "YT123", carrier: "YTO", pickedUpAt: "2024-02-11T08:00:00+08:00" },
      ...extra,
    });
  const decide = (appealId: string, decision: string, who: "operator" | "m1" = "operator") =>
    api.call(who, "POST", `/api/v1/appeals/${appealId}/decision`, {
      decision,
      note: "carrier's scan log confirms the pickup",
    });

  it("files an appeal with evidence: 201, due by the SLA, then 409 while it is open", async () => {
    const res = await file("o1");
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      appealId: expect.any(String),
      status: "open",
      dueAt: "2024-02-14T10:00:00+08:00",
      orderId: "o1",
      kind: "late_shipment",
      violationAt: "2024-02-11T09:00:00+08:00",
      windowClosesAt: "2024-02-18T09:00:00+08:00",
      evidence: { trackingNo: "YT123", carrier: "YTO", pickedUpAt: "2024-02-11T08:00:00+08:00" },
      overdue: false,
      decision: null,
    });
    const again = await file("o1");
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "appeal_open",
      details: { appealId: res.json().appealId },
    });
  });

  it("refuses what cannot be appealed: no violation of that kind, the window closed, bad input", async () => {
    const other = await file("o1", "m1", appealsOf("m1"), { kind: "false_shipment" });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe("no_violation_in_force");
    api.clock.set(parseInstant("2024-02-18T09:00:01+08:00")!);
    const late = await file("o1");
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: "appeal_window_closed",
      details: {
        violationAt: "2024-02-11T09:00:00+08:00",
        closedAt: "2024-02-18T09:00:00+08:00",
      },
    });
    api.clock.set(parseInstant("2024-02-18T09:00:00+08:00")!);
    expect((await file("o1")).statusCode).toBe(201);
    const bad = await file("o2", "m1", appealsOf("m1"), {
      reason: " ",
      evidence: { pickedUpAt: "2024-02-11 08:00" },
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.issues.map((i: { path: string }) => i.path)
        .sort(),
    ).toEqual(["evidence.pickedUpAt", "reason"]);
    // A pickup after now is no evidence of anything.
    const future = await file("o2", "m1", appealsOf("m1"), {
      evidence: { pickedUpAt: "2024-02-18T09:00:01+08:00" },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({
      code: "evidence_in_future",
      details: { field: "evidence.pickedUpAt" },
    });
    expect(future.json().error.message).toContain("2024-02-18T09:00:01+08:00");
    expect(
      (
        await file("o2", "m1", appealsOf("m1"), {
          evidence: { pickedUpAt: "2024-02-18T09:00:00+08:00" },
        })
      ).statusCode,
    ).toBe(201);
  });

  it("lets a merchant appeal and read only its own", async () => {
    expect((await file("o1", "m2", appealsOf("m1"))).statusCode).toBe(403);
    // m2 naming m1's order on its own path: as unknown as a missing order.
    expect((await file("o1", "m2")).statusCode).toBe(404);
    expect((await file("nope")).statusCode).toBe(404);
    expect((await api.call("operator", "POST", appealsOf("m1"), {})).statusCode).toBe(403);
    const mine = (await file("o1")).json().appealId;
    await file("h1", "m2");
    const own = await api.call("m1", "GET", `${base}/appeals`);
    expect(own.json().items.map((a: { orderId: string }) => a.orderId)).toEqual(["o1"]);
    expect((await api.call("m1", "GET", `${base}/appeals?merchantId=m2`)).statusCode).toBe(403);
    expect((await api.call("m2", "GET", `/api/v1/appeals/${mine}`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `/api/v1/appeals/${mine}`)).json().status).toBe("open");
    expect((await api.call("channel", "GET", `${base}/appeals`)).statusCode).toBe(403);
    expect((await decide(mine, "uphold", "m1")).statusCode).toBe(403);
  });

  it("lists appeals for operators by due time, filtered by status, a page at a time", async () => {
    const first = (await file("o1")).json();
    api.clock.set(NOW + 60_000);
    const second = (await file("o2")).json();
    api.clock.set(NOW + 120_000);
    const third = (await file("h1", "m2")).json();
    await decide(second.appealId, "dismiss");
    const page1 = (await api.call("operator", "GET", `${base}/appeals?limit=2`)).json();
    expect(page1.items.map((a: { appealId: string }) => a.appealId)).toEqual([
      first.appealId,
      second.appealId,
    ]);
    const page2 = (
      await api.call("operator", "GET", `${base}/appeals?limit=2&cursor=${page1.nextCursor}`)
    ).json();
    expect(page2.items.map((a: { appealId: string }) => a.appealId)).toEqual([third.appealId]);
    const open = (await api.call("operator", "GET", `${base}/appeals?status=open`)).json();
    expect(open.items.map((a: { orderId: string }) => a.orderId)).toEqual(["o1", "h1"]);
    const dismissed = (
      await api.call("operator", "GET", `${base}/appeals?status=dismissed`)
    ).json();
    expect(dismissed.items).toEqual([
      expect.objectContaining({
        orderId: "o2",
        status: "dismissed",
        decision: { decision: "dismiss", note: "carrier's scan log confirms the pickup" },
        decisions: [],
      }),
    ]);
    const byMerchant = (await api.call("operator", "GET", `${base}/appeals?merchantId=m2`)).json();
    expect(byMerchant.items.map((a: { orderId: string }) => a.orderId)).toEqual(["h1"]);
    api.clock.set(NOW + 49 * 3_600_000);
    const late = (await api.call("operator", "GET", `${base}/appeals?status=open`)).json();
    expect(late.items.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, true]);
    expect((await api.call("operator", "GET", `${base}/appeals?cursor=zz`)).statusCode).toBe(400);
  });

  it("upholds once: the violation revoked with its claim and weight, seen by both sides, audited", async () => {
    const { appealId } = (await file("o1")).json();
    api.clock.set(NOW + 3_600_000);
    const res = await decide(appealId, "uphold");
    expect(res.statusCode).toBe(200);
    const at = "2024-02-12T11:00:00+08:00";
    expect(res.json()).toMatchObject({ status: "upheld", decidedAt: at });
    expect(res.json().decisions).toEqual([
      expect.objectContaining({
        type: "violation.revoked",
        at,
        orderId: "o1",
        kind: "late_shipment",
        reason: "appeal_upheld",
      }),
      expect.objectContaining({ type: "claim.reversed", orderId: "o1", amountFen: 1_000 }),
      expect.objectContaining({ type: "listing.weight_changed", productId: "p1", weight: 0.5 }),
    ]);
    const again = await decide(appealId, "dismiss");
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "appeal_already_decided",
      details: { status: "upheld", decidedAt: at },
    });

    const seen = (await api.call("m1", "GET", `${base}/appeals`)).json().items[0];
    expect(seen).toMatchObject({ status: "upheld", decision: { decision: "uphold" } });
    expect(seen.decisions.map((d: { type: string }) => d.type)).toContain("violation.revoked");
    const feed = (
      await api.call("m1", "GET", `${base}/merchants/m1/decisions?group=violations`)
    ).json();
    expect(feed.items.at(-1)).toMatchObject({ type: "violation.revoked", reason: "appeal_upheld" });
    const order = (await api.call("m1", "GET", `${base}/merchants/m1/orders/o1`)).json();
    expect(order.order.violations).toEqual([]);
    const weights = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(weights).toMatchObject({ violations: 1 });
    // Once waived, never again: the order is not appealed or recorded twice.
    expect((await file("o1")).json().error.code).toBe("no_violation_in_force");

    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    const actions = audit
      .filter((e: { subject: { type: string } }) => e.subject.type === "appeal")
      .map((e: { action: string; toState: string }) => `${e.action} ${e.toState}`);
    expect(actions).toEqual(["appeal.file open", "appeal.uphold upheld"]);
  });

  it("upholding the appeal of a held claim withdraws the claim: nobody can pay it after", async () => {
    const { appealId } = (await file("h1", "m2")).json();
    const res = await decide(appealId, "uphold");
    expect(res.json().decisions.map((d: { type: string }) => d.type)).toEqual([
      "violation.revoked",
      "claim.withdrawn",
      "listing.weight_changed",
    ]);
    const pay = await api.call("operator", "POST", `${base}/claims/held/h1/late_shipment`, {
      decision: "pay",
    });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().error.code).toBe("claim_withdrawn");
  });

  it("a dismissed appeal leaves the violation; a new one may be filed while the window is open", async () => {
    const { appealId } = (await file("o2")).json();
    const res = await decide(appealId, "dismiss");
    expect(res.json()).toMatchObject({ status: "dismissed", decisions: [] });
    const order = (await api.call("m1", "GET", `${base}/merchants/m1/orders/o2`)).json();
    expect(order.order.violations).toEqual(["late_shipment"]);
    expect((await file("o2")).statusCode).toBe(201);
  });

  it("an appeal lapses when a later fact revokes its violation: out of the queue, audited", async () => {
    const { appealId } = (await file("o1")).json();
    // The shipment, clicked before the deadline, reaches the server a day late.
    const shipped = await api.call("channel", "POST", "/api/v1/events", [
      {
        id: "late-click",
        type: "order.shipped",
        at: "2024-02-11T08:30:00+08:00",
        orderId: "o1",
        trackingNo: "YT123",
        carrier: "YTO",
      },
    ]);
    expect(shipped.json().decisions.map((d: { type: string }) => d.type)).toContain(
      "violation.revoked",
    );
    const open = (await api.call("operator", "GET", `${base}/appeals?status=open`)).json();
    expect(open.items).toEqual([]);
    const lapsed = (await api.call("operator", "GET", `${base}/appeals?status=lapsed`)).json();
    expect(lapsed.items).toEqual([
      expect.objectContaining({
        appealId,
        status: "lapsed",
        decision: null,
        decidedAt: "2024-02-12T10:00:00+08:00",
        overdue: false,
      }),
    ]);
    // Nothing is left to decide.
    const res = await decide(appealId, "dismiss");
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("appeal_already_decided");
    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    const lapse = audit.find((e: { action: string }) => e.action === "appeal.lapse");
    expect(lapse).toMatchObject({
      actor: { role: "system" },
      subject: { type: "appeal", id: appealId },
      toState: "lapsed",
    });
    // An appeal on a violation revoked by its own uphold is that appeal's outcome, not a lapse.
    const other = (await file("o2")).json();
    expect((await decide(other.appealId, "uphold")).json().status).toBe("upheld");
  });

  it("decides once when two operators decide at the same time", async () => {
    const { appealId } = (await file("o1")).json();
    const answers = await Promise.all([
      decide(appealId, "uphold"),
      decide(appealId, "dismiss"),
      decide(appealId, "uphold"),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const revoked = (await api.call("operator", "GET", `${base}/decisions?group=violations`))
      .json()
      .items.filter((d: { type: string }) => d.type === "violation.revoked");
    expect(revoked.length).toBe(
      answers[0]!.statusCode === 200 || answers[2]!.statusCode === 200 ? 1 : 0,
    );
  });

  it("withdraws a merchant for good: out of the venue, orders still tracked, then 409", async () => {
    const venue = async () =>
      (await api.call("channel", "GET", `${base}/venue`))
        .json()
        .items.map((i: { productId: string }) => i.productId);
    // The venue shows a listing whose product has facts.
    const products = [validProduct("p1", "m1"), validProduct("p2", "m2")];
    await api.call("platform", "PUT", "/api/v1/facts/products", { products });
    const before = await venue();
    expect(before).toContain("p1");
    const path = `${base}/merchants/m1/withdrawal`;
    expect((await api.call("m2", "POST", path, { reason: "x" })).statusCode).toBe(403);
    expect((await api.call("operator", "POST", path, { reason: "x" })).statusCode).toBe(403);
    expect((await api.call("m1", "POST", path, {})).statusCode).toBe(400);
    const res = await api.call("m1", "POST", path, { reason: "仓库停工，无法发货" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      merchantId: "m1",
      reason: "withdrew",
      exitedAt: "2024-02-12T10:00:00+08:00",
      decisions: [
        expect.objectContaining({ type: "merchant.exited", merchantId: "m1", reason: "withdrew" }),
      ],
    });
    expect(await venue()).not.toContain("p1");
    const again = await api.call("m1", "POST", path, { reason: "again" });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: "already_withdrawn",
      details: { reason: "withdrew", exitedAt: "2024-02-12T10:00:00+08:00" },
    });
    // An order placed before still owes its shipment: paid at 10:00, late at 02-13 10:00.
    const late = await api.call("channel", "POST", "/api/v1/events", [
      paid("o3", "2024-02-12T09:00:00+08:00"),
    ]);
    expect(late.json().errors).toEqual([]);
    api.clock.set(parseInstant("2024-02-13T12:00:00+08:00")!);
    await new DeadlineSweeper(api.ctx).sweepOnce();
    const feed = (await api.call("m1", "GET", `${base}/merchants/m1/decisions?group=all`)).json();
    const types = feed.items.map(
      (d: { type: string; orderId?: string }) => `${d.type} ${d.orderId ?? ""}`,
    );
    expect(types).toContain("violation.recorded o3");
    expect(types.filter((t: string) => t.startsWith("merchant.reinstated"))).toEqual([]);
    const standing = (await api.call("m1", "GET", `${base}/merchants/m1/weights`)).json();
    expect(standing).toMatchObject({ status: "exited", exitReason: "withdrew" });
    const audit = (await api.call("operator", "GET", `${base}/audit`)).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({
        action: "merchant.withdraw",
        subject: { type: "merchant", id: "m1" },
        reason: "仓库停工，无法发货",
      }),
    );
  });

  it("has nothing to withdraw a merchant from that takes no part", async () => {
    const token = await createToken(api.ctx.store.db, { role: "merchant", merchantId: "m3" }, 0);
    if (!token.ok) throw new Error(token.failure.message);
    const res = await api.server.inject({
      method: "POST",
      url: `${base}/merchants/m3/withdrawal`,
      headers: { authorization: `Bearer ${token.value.secret}` },
      payload: { reason: "never joined" },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_in_campaign");
  });
});
