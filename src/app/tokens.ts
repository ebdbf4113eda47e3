/**
 * API tokens: a random secret shown once, stored only as its sha-256 (a 256-bit random secret
 * needs no slow hash: there is nothing to guess). The prefix makes a leaked token recognisable.
 */
import { hash, randomBytes } from "node:crypto";
import {
  findTokenByHash,
  findTokenById,
  insertToken,
  listTokens,
  revokeTokenById,
  type TokenRecord,
} from "../store/repos/tokens.js";
import type { Db } from "../store/types.js";
import { type Actor, ROLES, type Role } from "./actor.js";
import { fail, ok, type Result } from "./result.js";

const PREFIX = "gala_";

/** One-shot `crypto.hash`: every API request hashes its bearer secret, and it costs a third of a Hash object. */
export const hashSecret = (secret: string): string => hash("sha256", secret, "hex");

export interface NewToken {
  role: string;
  merchantId?: string | null;
  label?: string | null;
}

export async function createToken(
  db: Db,
  t: NewToken,
  at: number,
): Promise<Result<{ id: string; secret: string; actor: Actor }>> {
  if (!(ROLES as readonly string[]).includes(t.role)) {
    return fail("invalid", "unknown_role", `role must be one of ${ROLES.join(", ")}`);
  }
  const merchantId = t.merchantId ?? null;
  if ((t.role === "merchant") !== (merchantId !== null && merchantId !== "")) {
    return fail(
      "invalid",
      "merchant_binding",
      t.role === "merchant"
        ? "a merchant token needs --merchant ID"
        : "only a merchant token is bound to a merchant",
    );
  }
  const secret = PREFIX + randomBytes(32).toString("base64url");
  const id = `tok_${randomBytes(6).toString("hex")}`;
  await insertToken(db, {
    id,
    secretHash: hashSecret(secret),
    role: t.role,
    merchantId,
    label: t.label ?? null,
    createdAt: at,
    revokedAt: null,
  });
  return ok({ id, secret, actor: { role: t.role as Role, id, merchantId } });
}

/**
 * Known tokens, remembered for a few seconds: a channel pushing events sends one request per
 * refund, and a database read per request would queue behind the event transactions. A revoked
 * token therefore stops working within `TOKEN_CACHE_MS`; unknown secrets are never cached.
 */
const TOKEN_CACHE_MS = 5_000;
const knownTokens = new Map<string, { actor: Actor; until: number }>();

const wellFormed = (secret: string) => secret.startsWith(PREFIX) && secret.length <= 200;

function cachedActor(secretHash: string): Actor | undefined {
  const cached = knownTokens.get(secretHash);
  return cached && cached.until > performance.now() ? cached.actor : undefined;
}

/**
 * The actor of a secret seen in the last `TOKEN_CACHE_MS`, without waiting for the database:
 * the HTTP layer admits a known token in the same turn of the event loop.
 */
export function knownActor(secret: string): Actor | undefined {
  return wellFormed(secret) ? cachedActor(hashSecret(secret)) : undefined;
}

/** The actor a bearer secret stands for, or undefined (unknown, revoked or malformed). */
export async function authenticate(db: Db, secret: string): Promise<Actor | undefined> {
  if (!wellFormed(secret)) return undefined;
  const secretHash = hashSecret(secret);
  const cached = cachedActor(secretHash);
  if (cached) return cached;
  const t = await findTokenByHash(db, secretHash);
  if (!t || t.revokedAt !== null) {
    knownTokens.delete(secretHash);
    return undefined;
  }
  const actor: Actor = { role: t.role as Role, id: t.id, merchantId: t.merchantId };
  if (knownTokens.size > 10_000) knownTokens.clear();
  knownTokens.set(secretHash, { actor, until: performance.now() + TOKEN_CACHE_MS });
  return actor;
}

/** What an operator sees of a token: never its secret (only its hash is stored). */
export type TokenSummary = Omit<TokenRecord, "secretHash">;

export async function tokenSummaries(db: Db): Promise<TokenSummary[]> {
  return (await listTokens(db)).map(({ secretHash: _, ...summary }) => summary);
}

/**
 * Revokes a token by id. This process stops accepting it at once; another server process that
 * has it cached does within `TOKEN_CACHE_MS`.
 */
export async function revokeToken(db: Db, id: string, at: number): Promise<Result<TokenSummary>> {
  const found = await findTokenById(db, id);
  if (!found) return fail("not_found", "unknown_token", `no token has the id ${id}`);
  // The update decides, not the read before it: of two revocations at once, one wins.
  if (found.revokedAt !== null || !(await revokeTokenById(db, id, at))) {
    return fail("conflict", "already_revoked", `token ${id} was revoked already`);
  }
  for (const [key, entry] of knownTokens) if (entry.actor.id === id) knownTokens.delete(key);
  const { secretHash: _, ...summary } = found;
  return ok({ ...summary, revokedAt: at });
}
