/**
 * The event endpoint's queue on a server's SQLite file: the next batch's transaction runs while
 * the last one's commit is being synced, and no batch is answered before a sync that covers it.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { formatWithOffset } from "../../domain/time/index.js";
import { openStore, type Store } from "../../store/index.js";
import { CampaignCatalog } from "../campaigns/catalog.js";
import { FixedClock } from "../clock.js";
import { submitEvents } from "./ingest-queue.js";

const CAMPAIGN_FILE = new URL("../../../campaigns/spring-festival-2024.yaml", import.meta.url)
  .pathname;
const at = (iso: string) => formatWithOffset(Date.parse(iso), 480);

let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

it("commits the next batch during the last one's sync, answering each after its own", async () => {
  const pending: Array<() => void> = [];
  let held = false;
  const flush = () =>
    held ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve();
  dir = mkdtempSync(join(tmpdir(), "gala-queue-"));
  store = await openStore(`sqlite:${join(dir, "server.db")}`, {
    backgroundCheckpoints: true,
    walFlush: flush,
  });
  const clock = new FixedClock(Date.parse("2024-02-10T12:00:00+08:00"));
  const campaigns = new CampaignCatalog(store);
  const loaded = await campaigns.load(
    readFileSync(CAMPAIGN_FILE, "utf8"),
    CAMPAIGN_FILE,
    "test",
    clock.now(),
    "if_new",
  );
  expect(loaded.ok).toBe(true);
  const ctx = { store, clock, campaigns };
  const paid = (o: string) => ({
    id: `pay-${o}`,
    type: "order.paid",
    at: at("2024-02-10T10:00:00+08:00"),
    orderId: o,
    merchantId: "m1",
    productId: "p1",
    amountFen: 9_900,
    region: "CN-ZJ",
    buyer: { id: `b-${o}`, risk: "normal" },
  });
  const refund = (o: string) => ({
    id: `refund-${o}`,
    type: "refund.requested",
    at: at("2024-02-10T11:00:00+08:00"),
    orderId: o,
    refundId: `r-${o}`,
    amountFen: 9_900,
    kind: "refund_only",
  });
  const seeded = await submitEvents(ctx, [
    {
      id: "listed",
      type: "product.listed",
      at: at("2024-02-10T09:00:00+08:00"),
      merchantId: "m1",
      productId: "p1",
      shippingGuaranteeHours: 48,
    },
    paid("o1"),
    paid("o2"),
  ]);
  expect(seeded).toMatchObject({ accepted: 3, errors: [] });

  held = true;
  const answers: string[] = [];
  const first = submitEvents(ctx, [refund("o1")]).then((r) => {
    answers.push("first");
    return r;
  });
  await new Promise((r) => setImmediate(r));
  expect(pending).toHaveLength(1);
  const second = submitEvents(ctx, [refund("o2")]).then((r) => {
    answers.push("second");
    return r;
  });
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  // Both refunds are committed (the second while the first's sync runs); neither is answered.
  expect(store.walSync).toBeDefined();
  const stored = await eventIds(store);
  expect(stored).toEqual(expect.arrayContaining(["refund-o1", "refund-o2"]));
  expect(answers).toEqual([]);

  pending.shift()!();
  await new Promise((r) => setImmediate(r));
  expect(answers).toEqual(["first"]);
  // The second was committed after the first sync began: it waits for the next.
  expect(pending).toHaveLength(1);
  pending.shift()!();
  const [a, b] = await Promise.all([first, second]);
  expect(answers).toEqual(["first", "second"]);
  for (const r of [a, b]) {
    expect(r).toMatchObject({ accepted: 1, duplicates: 0, errors: [] });
    expect(r.decisions.map((d) => JSON.parse(d).type)).toContain("refund.approved");
  }
});

async function eventIds(s: Store): Promise<string[]> {
  const { rows } = await sql<{ event_id: string }>`select event_id from ff_events`.execute(s.db);
  return rows.map((r) => r.event_id);
}
