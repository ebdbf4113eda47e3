/**
 * Migration 0005 on a store that has the index and events in it: the index goes, the events stay,
 * and the log still refuses a second event with the same id.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores, freshStoreAt } from "../../../test/support/stores.js";
import type { Store } from "../open.js";

async function eventIndexes(store: Store): Promise<string[]> {
  const query =
    store.dialect === "sqlite"
      ? sql<{ name: string }>`select name from sqlite_master
          where type = 'index' and tbl_name = 'ff_events' and sql is not null order by name`
      : sql<{ name: string }>`select indexname as name from pg_indexes
          where tablename = 'ff_events' and schemaname = current_schema()
            and indexname not like '%pkey' order by indexname`;
  return (await query.execute(store.db)).rows.map((r) => r.name);
}

describeStores("migration 0005 (no event index by order)", (kind) => {
  it("drops the index and keeps the events and their unique ids", async () => {
    const { store: before, reopen } = await freshStoreAt(kind, "0004_order_columns");
    expect(await eventIndexes(before)).toEqual(["ff_events_by_order"]);
    const row = {
      event_id: "e1",
      campaign_id: "c",
      type: "order.paid",
      at: 1,
      order_id: "o1",
      body: "{}",
      received_at: 1,
    };
    await sql`insert into ff_events (event_id, campaign_id, type, at, order_id, body, received_at)
      values (${row.event_id}, ${row.campaign_id}, ${row.type}, ${row.at}, ${row.order_id},
        ${row.body}, ${row.received_at})`.execute(before.db);
    await before.close();

    const after = await reopen();
    // (0008 adds an index by campaign, in the order events were taken.)
    expect(await eventIndexes(after)).not.toContain("ff_events_by_order");
    const { rows } = await sql<{ n: number }>`select count(*) as n from ff_events`.execute(
      after.db,
    );
    expect(Number(rows[0]!.n)).toBe(1);
    await expect(
      sql`insert into ff_events (event_id, campaign_id, type, at, order_id, body, received_at)
        values ('e1', 'c', 'order.paid', 2, 'o2', '{}', 2)`.execute(after.db),
    ).rejects.toThrow();
  });
});
