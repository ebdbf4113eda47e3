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

export async function findTokenByHash(
  db: Db,
  secretHash: string,
): Promise<TokenRecord | undefined> {
  const r = await db
    .selectFrom("tokens")
    .selectAll()
    .where("secret_hash", "=", secretHash)
    .executeTakeFirst();
  return (
    r && {
      id: r.id,
      secretHash: r.secret_hash,
      role: r.role,
      merchantId: r.merchant_id,
      label: r.label,
      createdAt: r.created_at,
      revokedAt: r.revoked_at,
    }
  );
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
