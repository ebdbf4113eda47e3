/**
 * The floor: rows inserted with one prepared statement per table, in one transaction, in one
 * process (better-sqlite3 directly, the server's schema and settings). Nothing is judged,
 * parsed, sent or answered: this is what SQLite and the disk alone cost.
 *
 * `registrations`: the registration rows the API writes. `same rows`: every row the API writes
 * for a registration, i.e. also its audit-log row (one per product) and the call's audit row.
 */
import { rm } from "node:fs/promises";
import SQLite from "better-sqlite3";
import { newId } from "../../src/app/ids.js";
import { openStore } from "../../src/store/index.js";
import { applyPragmas } from "../../src/store/sqlite-statements.js";

export interface FloorProduct {
  merchantId: string;
  productId: string;
}

export async function measureFloor(
  path: string,
  products: readonly FloorProduct[],
  now: number,
  withAudit: boolean,
): Promise<number> {
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${path}${suffix}`, { force: true });
  const store = await openStore(`sqlite:${path}`); // same migrations → same tables and indexes
  await store.close();
  const db = new SQLite(path);
  applyPragmas(db); // the server's settings, so the floor differs only in what it does
  const registration = db.prepare(
    `insert into registrations (id, campaign_id, campaign_hash, merchant_id, product_id, category, state,
       merchant_snapshot_hash, product_snapshot_hash, failures, registered_at, review_due_at, reviewed_at,
       reviewed_by, review_reason, replaces_product_id, attempts, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, null, null, 1, ?)`,
  );
  const audit = db.prepare(
    `insert into audit_log (at, actor_role, actor_id, action, campaign_id, subject_type, subject_id,
       from_state, to_state, reason, detail) values (?, ?, ?, ?, ?, ?, ?, null, ?, null, ?)`,
  );
  const hash = "a".repeat(64);
  const failures = '{"merchant":[],"product":[]}';
  const campaign = "spring-festival-2024";
  const due = now + 72 * 3_600_000;
  const call = newId();
  const started = process.hrtime.bigint();
  db.transaction(() => {
    if (withAudit) {
      const detail = JSON.stringify({
        merchantId: "m",
        campaignHash: hash,
        merchantSnapshot: hash,
      });
      audit.run(
        now,
        "merchant",
        "tok_0123456789ab",
        "register.call",
        campaign,
        "registration_call",
        call,
        null,
        detail,
      );
    }
    for (const p of products) {
      const id = newId();
      registration.run(
        id,
        campaign,
        hash,
        p.merchantId,
        p.productId,
        "家居用品",
        "pending_review",
        hash,
        hash,
        failures,
        now,
        due,
        now,
      );
      if (withAudit) {
        const detail = JSON.stringify({ productSnapshot: hash, call });
        audit.run(
          now,
          "merchant",
          "tok_0123456789ab",
          "register",
          campaign,
          "registration",
          id,
          "pending_review",
          detail,
        );
      }
    }
  })();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return seconds;
}
