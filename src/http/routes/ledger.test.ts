/**
 * The claims ledger: a merchant's lines (paid, held, paid by a person, reversed by a late fact)
 * with the balance after each against its deposit, across pages; the campaign's per merchant.
 */
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant } from "../../domain/eligibility/fixtures.js";
import { parseInstant } from "../../domain/time/parse.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("claims ledger", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-12T10:00:00+08:00")!);
    await api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [{ ...validMerchant("m1"), depositFen: 300_000 }],
    });
    const events = (list: object[]) => api.call("channel", "POST", "/api/v1/events", list);
    // h1 (high-risk buyer) is held at its deadline, then o2's claim is paid at its own.
    let r = await events([
      listed("p1", "m1"),
      listed("p2", "m2"),
      { ...paid("h1", "2024-02-10T09:00:00+08:00"), buyer: { id: "bh", risk: "high" } },
      paid("o2", "2024-02-10T09:10:00+08:00"),
      paid("x1", "2024-02-10T09:20:00+08:00", "m2", "p2"),
      { type: "clock", at: "2024-02-12T00:00:00+08:00" },
    ]);
    expect(r.json().errors).toEqual([]);
    const pay = await api.call("operator", "POST", `${base}/claims/held/h1/late_shipment`, {
      decision: "pay",
      note: "checked",
    });
    expect(pay.statusCode).toBe(200);
    // o2 was shipped in time after all: its violation is revoked and the claim reversed.
    // (The scan first: applied alone after the click, the click would first be judged a false
    // shipment, paid, and then reversed by the scan.)
    r = await events([
      {
        id: "late-scan-o2",
        type: "order.picked_up",
        at: "2024-02-10T15:00:00+08:00",
        orderId: "o2",
      },
      {
        id: "late-ship-o2",
        type: "order.shipped",
        at: "2024-02-10T12:00:00+08:00",
        orderId: "o2",
        trackingNo: "T2",
        carrier: "SF",
      },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  it("lists every claim decision with its effect and the balance after it", async () => {
    const res = await api.call("m1", "GET", `${base}/merchants/m1/ledger`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.totals).toEqual({
      depositFen: 300_000,
      paidCount: 2,
      paidFen: 2_000,
      reversedCount: 1,
      reversedFen: 1_000,
      netPaidFen: 1_000,
      heldCount: 1,
      declinedCount: 0,
      withdrawnCount: 0,
      waitingCount: 0,
      balanceFen: 299_000,
    });
    const lines = body.lines.map(
      (l: { orderId: string; type: string; depositEffectFen: number; balanceAfterFen: number }) => [
        l.orderId,
        l.type,
        l.depositEffectFen,
        l.balanceAfterFen,
      ],
    );
    expect(lines).toEqual([
      ["h1", "claim.held", 0, 300_000],
      ["o2", "claim.paid", -1_000, 299_000],
      ["h1", "claim.paid", -1_000, 298_000],
      ["o2", "claim.reversed", 1_000, 299_000],
    ]);
    expect(body.lines[1].decisionId).toBe(`${CAMPAIGN}:claim:o2:late_shipment`);
    expect(body.lines[2].decision).toMatchObject({ resolvedFrom: "claim.held", note: "checked" });

    // Pages carry the balance on: the second page opens where the first closed.
    const first = (await api.call("m1", "GET", `${base}/merchants/m1/ledger?limit=3`)).json();
    expect(first.lines).toHaveLength(3);
    const second = (
      await api.call("m1", "GET", `${base}/merchants/m1/ledger?limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect(second.lines.map((l: { balanceAfterFen: number }) => l.balanceAfterFen)).toEqual([
      299_000,
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("is the merchant's own; operators see any merchant's and the campaign's", async () => {
    expect((await api.call("m2", "GET", `${base}/merchants/m1/ledger`)).statusCode).toBe(403);
    expect((await api.call("m1", "GET", `${base}/ledger`)).statusCode).toBe(403);
    const m2 = (await api.call("operator", "GET", `${base}/merchants/m2/ledger`)).json();
    // m2 has no deposit fact here: no balance, but the lines and sums all the same.
    expect(m2.totals).toMatchObject({ depositFen: null, balanceFen: null, paidFen: 1_000 });
    const all = (await api.call("operator", "GET", `${base}/ledger`)).json();
    expect(
      all.merchants.map((m: { merchantId: string; balanceFen: number | null }) => [
        m.merchantId,
        m.balanceFen,
      ]),
    ).toEqual([
      ["m1", 299_000],
      ["m2", null],
    ]);
    expect(all.totals).toMatchObject({ paidFen: 3_000, reversedFen: 1_000, netPaidFen: 2_000 });
    const bad = await api.call("m1", "GET", `${base}/merchants/m1/ledger?cursor=nope`);
    expect(bad.statusCode).toBe(400);
  });
});
