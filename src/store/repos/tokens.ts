/** API tokens, stored as sha-256 of the secret. */
import type { Db } from "../types.js";

export interface TokenRecord {
  id: string;
  secretHash: string;
  role: string;
  merchantId: string | null;
  label: string | null;
  createdAt: number;
  revokedAt: number | null;
}

export async function insertToken(db: Db, t: TokenRecord): Promise<void> {
  await db
    .insertInto("tokens")
    .values({
      id: t.id,
      secret_hash: t.secretHash,
      role: t.role,
      merchant_id: t.merchantId,
      label: t.label,
      created_at: t.createdAt,
      revoked_at: t.revokedAt,
    })
    .execute();
}

function toRecord(r: {
  id: string;
  secret_hash: string;
  role: string;
  merchant_id: string | null;
  label: string | null;
  created_at: number;
  revoked_at: number | null;
}): TokenRecord {
  return {
    id: r.id,
    secretHash: r.secret_hash,
    role: r.role,
    merchantId: r.merchant_id,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  };
}

/** Every token, oldest first (they are few: one per integration or person). */
export async function listTokens(db: Db): Promise<TokenRecord[]> {
  const rows = await db
    .selectFrom("tokens")
    .selectAll()
    .orderBy("created_at")
    .orderBy("id")
    .execute();
  return rows.map(toRecord);
}

/** Revokes one live token; answers whether it was live (false: unknown or revoked already). */
export async function revokeTokenById(db: Db, id: string, at: number): Promise<boolean> {
  const r = await db
    .updateTable("tokens")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findTokenById(db: Db, id: string): Promise<TokenRecord | undefined> {
  const r = await db.selectFrom("tokens").selectAll().where("id", "=", id).executeTakeFirst();
  return r && toRecord(r);
}

export async function findTokenByHash(
  db: Db,
  secretHash: string,
): Promise<TokenRecord | undefined> {
  const r = await db
    .selectFrom("tokens")
    .selectAll()
    .where("secret_hash", "=", secretHash)
    .executeTakeFirst();
  return r && toRecord(r);
}

/** Revokes every live token with this label (the demo re-issues its tokens on each start). */
export async function revokeTokensByLabel(db: Db, label: string, at: number): Promise<number> {
  const r = await db
    .updateTable("tokens")
    .set({ revoked_at: at })
    .where("label", "=", label)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
