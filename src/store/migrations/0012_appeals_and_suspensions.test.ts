/**
 * Migration 0012 on a store with listings: they come through unsuspended and stay in the venue;
 * the appeals table lets one appeal per violation be open at a time.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores, freshStoreAt } from "../../../test/support/stores.js";
import { type AppealRecord, decideAppeal, insertAppeal } from "../repos/appeals.js";
import { liveVenueListings } from "../repos/listings.js";

const appeal = (id: string): AppealRecord => ({
  id,
  campaignId: "c1",
  merchantId: "m1",
  orderId: "o1",
  productId: "p1",
  kind: "late_shipment",
  violationAt: 1,
  reason: "late scan",
  evidence: null,
  status: "open",
  filedAt: 2,
  filedBy: "t1",
  dueAt: 3,
  decidedAt: null,
  decidedBy: null,
  decisionNote: null,
  outcome: null,
});

describeStores("migration 0012 (appeals and suspensions)", (kind) => {
  it("keeps listings in the venue and allows one open appeal per violation", async () => {
    const { store: before, reopen } = await freshStoreAt(kind, "0011_inbox_and_webhooks");
    await sql`insert into products (id, merchant_id, category, snapshot_hash, facts, updated_at)
      values ('p1', 'm1', null, 'h', '{"id":"p1","title":"t"}', 1)`.execute(before.db);
    await sql`insert into listings (campaign_id, product_id, merchant_id, registration_id,
        weight, registered_at, listed_at, delisted_at, delist_reason, updated_at)
      values ('c1', 'p1', 'm1', 'r-p1', 1, 1, 1, null, null, 1)`.execute(before.db);
    await before.close();

    const after = await reopen();
    const live = await liveVenueListings(after.db, "c1");
    expect(live.map((l) => l.productId)).toEqual(["p1"]);
    expect(await insertAppeal(after.db, appeal("a1"), 2)).toBe(true);
    expect(await insertAppeal(after.db, appeal("a2"), 2)).toBe(false);
    const decided = { decidedAt: 4, decidedBy: "op", note: "no", outcome: null };
    expect(await decideAppeal(after.db, "a1", { status: "dismissed", ...decided })).toBe(true);
    expect(await decideAppeal(after.db, "a1", { status: "upheld", ...decided })).toBe(false);
    expect(await insertAppeal(after.db, appeal("a2"), 5)).toBe(true);
  });
});
