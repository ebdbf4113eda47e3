/**
 * Console users and sessions. The tables come from migration 0002; their row types live here
 * (`withTables`) so the console's storage stays beside the console's code.
 */
import type { Db } from "../types.js";

export interface UsersTable {
  id: string;
  username: string;
  password_hash: string;
  role: string;
  merchant_id: string | null;
  created_at: number;
  updated_at: number;
  disabled_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
}

const withUsers = (db: Db) => db.withTables<{ users: UsersTable; sessions: SessionsTable }>();

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  role: string;
  merchantId: string | null;
  createdAt: number;
  disabledAt: number | null;
}

const fromRow = (r: UsersTable): UserRecord => ({
  id: r.id,
  username: r.username,
  passwordHash: r.password_hash,
  role: r.role,
  merchantId: r.merchant_id,
  createdAt: r.created_at,
  disabledAt: r.disabled_at,
});

/**
 * Creates the user, or replaces password, role and merchant of an existing username (a disabled
 * account stays disabled: enabling it is its own act). Answers the user's id.
 */
export async function upsertUser(db: Db, u: Omit<UserRecord, "disabledAt">): Promise<string> {
  const row = await withUsers(db)
    .insertInto("users")
    .values({
      id: u.id,
      username: u.username,
      password_hash: u.passwordHash,
      role: u.role,
      merchant_id: u.merchantId,
      created_at: u.createdAt,
      updated_at: u.createdAt,
      disabled_at: null,
    })
    .onConflict((oc) =>
      oc.column("username").doUpdateSet({
        password_hash: u.passwordHash,
        role: u.role,
        merchant_id: u.merchantId,
        updated_at: u.createdAt,
      }),
    )
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Disables (`at`) or enables (`null`) an account, only if it is not so already: true when this
 * call changed it (of two at once, one does).
 */
export async function setUserDisabled(db: Db, id: string, at: number | null, now: number) {
  const result = await withUsers(db)
    .updateTable("users")
    .set({ disabled_at: at, updated_at: now })
    .where("id", "=", id)
    .where("disabled_at", at === null ? "is not" : "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends every session of the user at once; answers how many there were (expired ones too). */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await withUsers(db)
    .deleteFrom("sessions")
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface UserWithSessions extends UserRecord {
  /** Sessions not yet expired (all end at once when the account is disabled). */
  liveSessions: number;
}

/** Every account by username, with its live sessions. */
export async function listUsers(db: Db, now: number): Promise<UserWithSessions[]> {
  const rows = await withUsers(db)
    .selectFrom("users as u")
    .leftJoin("sessions as s", (join) =>
      join.onRef("s.user_id", "=", "u.id").on("s.expires_at", ">", now),
    )
    .selectAll("u")
    .select((eb) => eb.fn.count<number>("s.id_hash").as("live_sessions"))
    .groupBy([
      "u.id",
      "u.username",
      "u.password_hash",
      "u.role",
      "u.merchant_id",
      "u.created_at",
      "u.updated_at",
      "u.disabled_at",
    ])
    .orderBy("u.username")
    .execute();
  return rows.map((r) => ({ ...fromRow(r), liveSessions: Number(r.live_sessions) }));
}

export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<UserRecord | undefined> {
  const r = await withUsers(db)
    .selectFrom("users")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirst();
  return r && fromRow(r);
}

export async function insertSession(db: Db, s: SessionsTable): Promise<void> {
  await withUsers(db).insertInto("sessions").values(s).execute();
}

/** The live session with this id hash and its user, or undefined (unknown, expired, disabled). */
export async function findSession(
  db: Db,
  idHash: string,
  now: number,
): Promise<{ session: SessionsTable; user: UserRecord } | undefined> {
  const r = await withUsers(db)
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .selectAll("u")
    .select(["s.id_hash", "s.csrf_token", "s.created_at as s_created_at", "s.expires_at"])
    .where("s.id_hash", "=", idHash)
    .where("s.expires_at", ">", now)
    .where("u.disabled_at", "is", null)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    session: {
      id_hash: r.id_hash,
      user_id: r.id,
      csrf_token: r.csrf_token,
      created_at: r.s_created_at,
      expires_at: r.expires_at,
    },
    user: fromRow(r),
  };
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await withUsers(db).deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}

/** Drops expired sessions; called on sign-in so the table never grows without bound. */
export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await withUsers(db).deleteFrom("sessions").where("expires_at", "<=", now).execute();
}
