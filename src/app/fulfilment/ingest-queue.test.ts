/**
 * The event endpoint's queue on a server's SQLite file: no batch is answered before a sync that
 * covers it, and batches read while a commit is synced share the next transaction and sync.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, expect, it } from "vitest";
import { freshApp } from "../../../test/support/app.js";
import { formatWithOffset } from "../../domain/time/index.js";
import { openStore, type Store } from "../../store/index.js";
import { submitEvents } from "./ingest-queue.js";

const at = (iso: string) => formatWithOffset(Date.parse(iso), 480);

let dir: string | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  store = undefined;
  dir = undefined;
});

it("answers after the sync, and batches read during one share the next commit", async () => {
  const { ctx, pending, hold, refund } = await serverQueue({ events: 1, ms: 0 });
  const store = ctx.store;
  hold();
  const answers: string[] = [];
  const answered = (name: string) => (r: Awaited<ReturnType<typeof submitEvents>>) => {
    answers.push(name);
    return r;
  };
  const first = submitEvents(ctx, [refund("o1")]).then(answered("first"));
  await turns(2);
  // Committed, not yet on disk: not answered.
  expect(pending).toHaveLength(1);
  expect(await eventIds(store)).toContain("refund-o1");
  expect(answers).toEqual([]);
  // Read while the first commit is synced: they wait, and go together in the next transaction.
  const second = submitEvents(ctx, [refund("o2")]).then(answered("second"));
  const third = submitEvents(ctx, [refund("o3")]).then(answered("third"));
  await turns(2);
  expect(await eventIds(store)).not.toContain("refund-o2");
  expect(answers).toEqual([]);

  pending.shift()!();
  await turns(2);
  expect(answers).toEqual(["first"]);
  expect(await eventIds(store)).toEqual(expect.arrayContaining(["refund-o2", "refund-o3"]));
  // One sync for the two batches of the second transaction, and neither answered before it.
  expect(pending).toHaveLength(1);
  expect(answers).toEqual(["first"]);
  pending.shift()!();
  const results = await Promise.all([first, second, third]);
  expect(answers.slice(1).sort()).toEqual(["second", "third"]);
  for (const r of results) {
    expect(r).toMatchObject({ accepted: 1, duplicates: 0, errors: [] });
    expect(r.decisions.map((d) => JSON.parse(d).type)).toContain("refund.approved");
  }
  expect(pending).toHaveLength(0);
});

it("gathers small batches under steady traffic until enough events wait, and not after a quiet spell", async () => {
  const { ctx, pending, hold, refund } = await serverQueue({ events: 3, ms: 60_000 });
  hold();
  const answers = [submitEvents(ctx, [refund("o1")]), submitEvents(ctx, [refund("o2")])];
  await turns(3);
  // A transaction ended just now (the seeding): the two wait for a third event.
  expect(pending).toHaveLength(0);
  expect(await eventIds(ctx.store)).not.toContain("refund-o1");
  answers.push(submitEvents(ctx, [refund("o3")]));
  await until(() => pending.length === 1);
  expect(await eventIds(ctx.store)).toEqual(
    expect.arrayContaining(["refund-o1", "refund-o2", "refund-o3"]),
  );
  pending.shift()!();
  for (const r of await Promise.all(answers)) expect(r).toMatchObject({ accepted: 1 });
});

it("sends a lone request at once after a quiet spell", async () => {
  const { ctx, pending, hold, refund } = await serverQueue({ events: 3, ms: 40 });
  hold();
  await new Promise((r) => setTimeout(r, 60));
  const answer = submitEvents(ctx, [refund("o4")]);
  // Not the 40 ms a gathering wait would take.
  await turns(3);
  expect(pending).toHaveLength(1);
  pending.shift()!();
  expect(await answer).toMatchObject({ accepted: 1 });
});

async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 2_000 && !done(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(done()).toBe(true);
}

async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

async function eventIds(s: Store): Promise<string[]> {
  const { rows } = await sql<{ event_id: string }>`select event_id from ff_events`.execute(s.db);
  return rows.map((r) => r.event_id);
}

/** A server's store (its syncs held once `hold()` is called), the reference campaign, orders o1–o5. */
async function serverQueue(ingestGather: { events: number; ms: number }) {
  const pending: Array<() => void> = [];
  let held = false;
  const flush = () =>
    held ? new Promise<void>((resolve) => pending.push(resolve)) : Promise.resolve();
  dir = mkdtempSync(join(tmpdir(), "gala-queue-"));
  store = await openStore(`sqlite:${join(dir, "server.db")}`, {
    backgroundCheckpoints: true,
    walFlush: flush,
  });
  // The reference campaign on this store, the clock inside its window.
  const app = await freshApp("sqlite", Date.parse("2024-02-10T12:00:00+08:00"), store);
  const ctx = { ...app.ctx, ingestGather };
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
    ...["o1", "o2", "o3", "o4", "o5"].map(paid),
  ]);
  expect(seeded).toMatchObject({ accepted: 6, errors: [] });

  return {
    ctx,
    pending,
    hold: () => {
      held = true;
    },
    refund,
  };
}
