/** The operator's merchants list: search, filters, and true counts. */
import { sql } from "kysely";
import { beforeEach, expect, it } from "vitest";
import { CAMPAIGN, freshApi, seedFacts, type TestApi } from "../../../test/support/api.js";
import { fulfilmentStory } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { validMerchant } from "../../domain/eligibility/fixtures.js";
import { parseInstant } from "../../domain/time/parse.js";

const url = `/api/v1/campaigns/${CAMPAIGN}/merchants`;

describeStores("merchants list", (kind) => {
  let api: TestApi;
  beforeEach(async () => {
    api = await freshApi(kind, parseInstant("2024-02-12T00:00:00+08:00")!);
    await seedFacts(api, 2);
    // A third merchant that fails a rule (violation points), and m2 leaves by exception report.
    await api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [{ ...validMerchant("m3"), name: "星河数码", violationPoints: 40 }],
    });
    const r = await api.call("channel", "POST", "/api/v1/events", [
      ...fulfilmentStory(),
      {
        type: "merchant.exception_report",
        at: "2024-02-11T23:00:00+08:00",
        merchantId: "m2",
        reason: "停工",
      },
    ]);
    expect(r.json().errors).toEqual([]);
  });

  const list = async (query = "") => (await api.call("operator", "GET", `${url}${query}`)).json();
  const ids = (page: { items: { id: string }[] }) => page.items.map((m) => m.id);

  it("lists every merchant with its standing and figures", async () => {
    const page = await list();
    expect(page.total).toBe(3);
    expect(ids(page)).toEqual(["m1", "m2", "m3"]);
    const m1 = page.items[0];
    expect(m1).toMatchObject({ eligible: true, exited: null, orders: 2, violations: 1 });
    expect(page.items[1].exited).toMatchObject({ reason: expect.any(String) });
    expect(page.items[2]).toMatchObject({
      eligible: false,
      failing: ["merchant.violation_points"],
    });
  });

  it("filters and searches", async () => {
    expect(ids(await list("?filter=exited"))).toEqual(["m2"]);
    expect(ids(await list("?filter=violations"))).toEqual(["m1"]);
    expect(ids(await list("?filter=ineligible"))).toEqual(["m3"]);
    expect(ids(await list("?filter=eligible"))).toEqual(["m1"]);
    expect(ids(await list("?q=星河"))).toEqual(["m3"]);
    expect((await list("?q=nobody")).total).toBe(0);
  });

  it("counts violations in force: a revocation naming only its order counts for its merchant", async () => {
    // As the event-time engine will record it (docs/interfaces.md, "Decisions": orderId, kind, reason).
    await sql`insert into ff_decisions
        (campaign_id, effect_key, event_id, type, at, order_id, merchant_id, product_id, kind,
         amount_fen, body, created_at)
      values (${CAMPAIGN}, 'revoke:o2:late_shipment', null, 'violation.revoked', 1, 'o2', null,
        null, 'late_shipment', null, '{}', 1)`.execute(api.ctx.store.db);
    const page = await list();
    expect(page.items[0]).toMatchObject({ id: "m1", violations: 0 });
    expect(ids(await list("?filter=violations"))).toEqual([]);
  });

  it("pages by cursor with the total on every page", async () => {
    const first = await list("?limit=2");
    expect(ids(first)).toEqual(["m1", "m2"]);
    const second = await list(`?limit=2&cursor=${first.nextCursor}`);
    expect(ids(second)).toEqual(["m3"]);
    expect(second.nextCursor).toBeNull();
    const bad = await api.call("operator", "GET", `${url}?cursor=nonsense`);
    expect(bad.statusCode).toBe(400);
  });
});
