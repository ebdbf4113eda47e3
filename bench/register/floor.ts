/**
 * The floor: the same registration rows the API writes, inserted with one prepared statement in
 * one transaction in one process (better-sqlite3 directly, same schema, same pragmas). Nothing
 * is judged, parsed, audited or sent: this is what the disk and SQLite alone cost.
 */
import { rm } from "node:fs/promises";
import SQLite from "better-sqlite3";
import { newId } from "../../src/app/ids.js";
import { openStore } from "../../src/store/index.js";
import { applyPragmas } from "../../src/store/sqlite-statements.js";

export async function measureFloor(
  path: string,
  productIds: readonly string[],
  now: number,
): Promise<number> {
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${path}${suffix}`, { force: true });
  const store = await openStore(`sqlite:${path}`); // same migrations → same table and indexes
  await store.close();
  const db = new SQLite(path);
  applyPragmas(db); // the server's settings, so the floor differs only in what it does
  const insert = db.prepare(
    `insert into registrations (id, campaign_id, campaign_hash, merchant_id, product_id, category, state,
       merchant_snapshot_hash, product_snapshot_hash, failures, registered_at, review_due_at, reviewed_at,
       reviewed_by, review_reason, replaces_product_id, attempts, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, 1, ?)`,
  );
  const hash = "a".repeat(64);
  const failures = '{"merchant":[],"product":[]}';
  const due = now + 72 * 3_600_000;
  const started = process.hrtime.bigint();
  db.transaction(() => {
    for (const productId of productIds) {
      insert.run(
        newId(),
        "spring-festival-2024",
        hash,
        "bench-m0",
        productId,
        "家居用品",
        "pending_review",
        hash,
        hash,
        failures,
        now,
        due,
        now,
      );
    }
  })();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return seconds;
}
