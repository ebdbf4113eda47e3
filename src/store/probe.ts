/**
 * Can the store take a write now? Asked by `/readyz` every few seconds, so it writes nothing:
 * PostgreSQL says whether this session is read-only (a read-only session or database, a hot
 * standby); SQLite is asked for a write that changes nothing (the schema's `user_version` set to
 * itself), rolled back, which a read-only file or handle refuses. A full disk shows only when a
 * write needs space: the HTTP layer remembers those (see http/readiness.ts).
 */
import { sql } from "kysely";
import { type StoreFailure, storeFailure } from "./failure.js";
import type { Store } from "./open.js";

const ROLLBACK = Symbol("rollback");

export async function writeProblem(store: Store): Promise<StoreFailure | undefined> {
  try {
    if (store.dialect === "postgres") {
      const { rows } = await sql<{ ro: string; standby: boolean }>`
        select current_setting('transaction_read_only') as ro, pg_is_in_recovery() as standby
      `.execute(store.db);
      const row = rows[0];
      if (row?.standby) return { code: "store_read_only", cause: "PostgreSQL is a standby" };
      if (row?.ro === "on") {
        return { code: "store_read_only", cause: "PostgreSQL: transaction_read_only is on" };
      }
      return undefined;
    }
    await store.db.transaction().execute(async (trx) => {
      const { rows } = await sql<{ user_version: number }>`pragma user_version`.execute(trx);
      const version = Math.trunc(Number(rows[0]?.user_version ?? 0));
      await sql.raw(`pragma user_version = ${version}`).execute(trx);
      throw ROLLBACK;
    });
    return undefined;
  } catch (error) {
    if (error === ROLLBACK) return undefined;
    const failure = storeFailure(error) ?? { code: "store_unavailable", cause: String(error) };
    return { ...failure, error };
  }
}
