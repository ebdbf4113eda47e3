/**
 * Serialises writers of one key (e.g. one merchant's registrations in one campaign) for the
 * rest of the transaction. PostgreSQL needs an advisory lock because several `gala serve`
 * processes may share it; SQLite already runs one write transaction at a time.
 */
import { sql } from "kysely";
import type { DialectName } from "./migrations/context.js";
import type { Db } from "./types.js";

export async function lockKey(trx: Db, dialect: DialectName, key: string): Promise<void> {
  if (dialect !== "postgres") return;
  await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}
