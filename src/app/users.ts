/**
 * Console accounts: a username and password for people, next to API tokens for machines.
 * Passwords are hashed with argon2id (memory-hard: 19 MiB, 2 passes — OWASP's minimum), and a
 * signed-in user acts with the same principal a token would: {role, merchantId}. An `admin`
 * account acts as an operator; the difference is only who may create accounts (the CLI).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hash, verify } from "@node-rs/argon2";
import { appendAudit } from "../store/repos/audit.js";
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSession,
  findUserByUsername,
  insertSession,
  upsertUser,
} from "../store/repos/users.js";
import type { Db } from "../store/types.js";
import type { Actor, Role } from "./actor.js";
import { fail, ok, type Result } from "./result.js";

export type UserRole = "merchant" | "operator" | "admin";
export const USER_ROLES: readonly UserRole[] = ["merchant", "operator", "admin"];

/** A session lasts a working day; signing in again starts a new one. */
export const SESSION_TTL_MS = 12 * 3600_000;

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;

export interface NewUser {
  username: string;
  password: string;
  role: string;
  merchantId?: string | null;
}

export interface UserView {
  username: string;
  role: UserRole;
  merchantId: string | null;
}

export interface SavedUser extends UserView {
  /** False when an existing account was reset. */
  created: boolean;
  /** Sessions of a reset account, ended at once (a reset password must not leave them alive). */
  sessionsEnded: number;
}

/**
 * Creates an account, or resets an existing one's password, role and merchant, ending its
 * sessions at once. With `actor` (the CLI), the change is written to the audit log.
 */
export async function createUser(
  db: Db,
  u: NewUser,
  at: number,
  actor?: Actor,
): Promise<Result<SavedUser>> {
  if (!USERNAME.test(u.username)) {
    return fail("invalid", "invalid_username", "username: 2–64 letters, digits, _ . @ -");
  }
  if (u.password.length < 8 || u.password.length > 256) {
    return fail("invalid", "weak_password", "password: at least 8 characters");
  }
  if (!(USER_ROLES as readonly string[]).includes(u.role)) {
    return fail("invalid", "unknown_role", `role must be one of ${USER_ROLES.join(", ")}`);
  }
  const merchantId = u.merchantId?.trim() || null;
  if ((u.role === "merchant") !== (merchantId !== null)) {
    return fail(
      "invalid",
      "merchant_binding",
      u.role === "merchant"
        ? "a merchant user needs --merchant ID"
        : "only a merchant user is bound to a merchant",
    );
  }
  const passwordHash = await hash(u.password, ARGON2);
  return db.transaction().execute(async (trx) => {
    const before = await findUserByUsername(trx, u.username);
    const id = await upsertUser(trx, {
      id: `usr_${randomBytes(6).toString("hex")}`,
      username: u.username,
      passwordHash,
      role: u.role,
      merchantId,
      createdAt: at,
    });
    const sessionsEnded = before ? await deleteUserSessions(trx, id) : 0;
    if (actor) {
      await appendAudit(trx, [
        {
          at,
          actorRole: actor.role,
          actorId: actor.id,
          action: before ? "user.reset" : "user.create",
          campaignId: null,
          subjectType: "user",
          subjectId: u.username,
          fromState: null,
          toState: null,
          reason: null,
          detail: { role: u.role, merchantId, sessionsEnded },
        },
      ]);
    }
    return ok({
      username: u.username,
      role: u.role as UserRole,
      merchantId,
      created: !before,
      sessionsEnded,
    });
  });
}

/** True when the account exists, enabled, with this password, role and merchant. */
export async function accountIs(db: Db, u: NewUser): Promise<boolean> {
  const found = await findUserByUsername(db, u.username);
  if (!found || found.disabledAt !== null || found.role !== u.role) return false;
  if (found.merchantId !== (u.merchantId?.trim() || null)) return false;
  return verify(found.passwordHash, u.password).catch(() => false);
}

// Verifying against this when the username is unknown keeps "no such user" and "wrong
// password" equally slow, so response time does not reveal which usernames exist.
let decoyHash: Promise<string> | undefined;
const decoy = () => {
  decoyHash ??= hash(randomBytes(16).toString("hex"), ARGON2);
  return decoyHash;
};

export interface NewSession {
  /** The cookie value: shown to the browser once, stored only as its hash. */
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
  user: UserView;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export async function signIn(
  db: Db,
  username: string,
  password: string,
  now: number,
): Promise<Result<NewSession>> {
  const user = await findUserByUsername(db, username);
  const good = await verify(user?.passwordHash ?? (await decoy()), password).catch(() => false);
  if (!user || !good || user.disabledAt !== null) {
    return fail("forbidden", "bad_credentials", "wrong username or password");
  }
  await deleteExpiredSessions(db, now);
  const sessionId = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(24).toString("base64url");
  const expiresAt = now + SESSION_TTL_MS;
  await insertSession(db, {
    id_hash: sha256(sessionId),
    user_id: user.id,
    csrf_token: csrfToken,
    created_at: now,
    expires_at: expiresAt,
  });
  return ok({
    sessionId,
    csrfToken,
    expiresAt,
    user: { username: user.username, role: user.role as UserRole, merchantId: user.merchantId },
  });
}

export interface ResolvedSession {
  actor: Actor;
  user: UserView;
  csrfToken: string;
}

/** The principal a session cookie stands for: the same {role, merchantId} a token carries. */
export async function resolveSession(
  db: Db,
  sessionId: string,
  now: number,
): Promise<ResolvedSession | undefined> {
  if (sessionId.length > 200) return undefined;
  const found = await findSession(db, sha256(sessionId), now);
  if (!found) return undefined;
  const role = found.user.role as UserRole;
  const actorRole: Role = role === "merchant" ? "merchant" : "operator";
  return {
    actor: { role: actorRole, id: found.user.username, merchantId: found.user.merchantId },
    user: { username: found.user.username, role, merchantId: found.user.merchantId },
    csrfToken: found.session.csrf_token,
  };
}

export async function signOut(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sha256(sessionId));
}

/** Constant-time comparison of the CSRF header with the session's token. */
export function csrfMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
