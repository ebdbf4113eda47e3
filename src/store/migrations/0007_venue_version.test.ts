/**
 * Migration 0007 on a store with listings: each campaign with listings gets a venue counter (at
 * 0), the listings a version of 0, and the first change after it is stamped above it.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores, freshStoreAt } from "../../../test/support/stores.js";
import { setListingWeight, venueChangesSince } from "../repos/listings.js";
import { venueState } from "../repos/venue-version.js";

describeStores("migration 0007 (venue versions)", (kind) => {
  it("gives campaigns with listings a counter and stamps later changes above it", async () => {
    const { store: before, reopen } = await freshStoreAt(kind, "0006_event_time");
    for (const [campaign, product] of [
      ["c1", "p1"],
      ["c1", "p2"],
      ["c2", "p1"],
    ]) {
      await sql`insert into listings (campaign_id, product_id, merchant_id, registration_id,
          weight, registered_at, listed_at, delisted_at, delist_reason, updated_at)
        values (${campaign}, ${product}, 'm1', ${`r-${product}`}, 1, 1, 1, null, null, 1)`.execute(
        before.db,
      );
    }
    await sql`insert into campaigns (id, current_hash, updated_at) values ('c1', 'h', 1)`.execute(
      before.db,
    );
    await before.close();

    const after = await reopen();
    const counters = await after.db
      .selectFrom("venue_versions")
      .selectAll()
      .orderBy("campaign_id")
      .execute();
    expect(counters.map((c) => [c.campaign_id, Number(c.version)])).toEqual([
      ["c1", 0],
      ["c2", 0],
    ]);
    expect(await venueState(after.db, "c1")).toEqual({ campaignHash: "h", venueVersion: 0 });
    expect((await venueChangesSince(after.db, "c1", 0)).changed).toEqual([]);
    await setListingWeight(after.db, "c1", "p2", 0.5, 2);
    expect(await venueState(after.db, "c1")).toEqual({ campaignHash: "h", venueVersion: 1 });
    expect((await venueChangesSince(after.db, "c1", 0)).changed).toEqual(["p2"]);
  });
});
