/**
 * Migration 0010: the event log reads back per campaign in the order the server took it, events
 * stored before the migration first (in the order received), then every event inserted after it,
 * in pages that stop at the end fixed when the reading began.
 */
import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeStores, freshStoreAt } from "../../../test/support/stores.js";
import { eventLogCount, eventLogEnd, eventLogPage } from "../repos/fulfilment/event-log.js";
import { insertEvents } from "../repos/fulfilment/log.js";
import type { Db } from "../types.js";

const row = (eventId: string, campaignId: string) => ({
  eventId,
  campaignId,
  type: "clock",
  at: 1,
  orderId: null,
  body: JSON.stringify({ type: "clock", at: "2024-02-10T00:00:00+08:00", id: eventId }),
});

async function readAll(db: Db, campaignId: string, through: number, limit = 2) {
  const out: Array<{ id: string; receivedAt: number }> = [];
  let after = 0;
  for (;;) {
    const page = await eventLogPage(db, campaignId, after, through, limit);
    if (page.length === 0) return out;
    for (const e of page) out.push({ id: JSON.parse(e.body).id, receivedAt: e.receivedAt });
    after = page.at(-1)!.seq;
  }
}

describeStores("migration 0010 (the event log in the order taken)", (kind) => {
  it("reads a campaign's events in the order received, in pages, up to a fixed end", async () => {
    const { store: before, reopen } = await freshStoreAt(kind, "0009_console");
    // Received at 10, 20, 30 (per batch); c2's events interleave with c1's.
    for (const [id, campaign, receivedAt] of [
      ["e-b", "c1", 10],
      ["e-a", "c1", 10],
      ["x-1", "c2", 20],
      ["e-c", "c1", 30],
    ] as const) {
      await sql`insert into ff_events (event_id, campaign_id, type, at, order_id, body, received_at)
        values (${id}, ${campaign}, 'clock', 1, null, ${JSON.stringify({ id })}, ${receivedAt})`.execute(
        before.db,
      );
    }
    await before.close();

    const store = await reopen();
    const end = await eventLogEnd(store.db, "c1");
    expect(await eventLogCount(store.db, "c1", end)).toBe(3);
    // Stored after the end was read: not part of this reading, part of the next.
    await store.db
      .transaction()
      .execute((trx) => insertEvents(trx, [row("e-d", "c1"), row("e-e", "c1")], 40));
    expect(await readAll(store.db, "c1", end)).toEqual([
      { id: "e-b", receivedAt: 10 },
      { id: "e-a", receivedAt: 10 },
      { id: "e-c", receivedAt: 30 },
    ]);
    const later = await eventLogEnd(store.db, "c1");
    expect((await readAll(store.db, "c1", later, 3)).map((e) => e.id)).toEqual([
      "e-b",
      "e-a",
      "e-c",
      "e-d",
      "e-e",
    ]);
    expect(await readAll(store.db, "c2", await eventLogEnd(store.db, "c2"))).toEqual([
      { id: "x-1", receivedAt: 20 },
    ]);
    expect(await eventLogEnd(store.db, "none")).toBe(0);
    expect(await readAll(store.db, "none", 0)).toEqual([]);
  });
});
