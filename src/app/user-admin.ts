/**
 * Managing console accounts (operators and admins, through the API or `gala user`): disable an
 * account (sign-in refused, its sessions ended at once), enable it again, end its sessions (sign
 * it out everywhere). Each is one transaction with its audit entry.
 *
 * Who may: any operator for merchant and operator accounts; an admin account only by an admin
 * (signed in as one, or the CLI, which holds the database anyway), so an operator's token cannot
 * lock the admins out. Nobody disables their own account: another admin must.
 */
import { appendAudit } from "../store/repos/audit.js";
import {
  deleteUserSessions,
  findUserByUsername,
  listUsers,
  setUserDisabled,
  type UserRecord,
} from "../store/repos/users.js";
import type { Db } from "../store/types.js";
import type { Actor } from "./actor.js";
import { type AppFailure, fail, ok, type Result } from "./result.js";
import type { UserRole } from "./users.js";

export interface Manager {
  actor: Actor;
  /** The caller's own account when signed in to the console (a token has none). */
  account?: { username: string; role: UserRole } | undefined;
  /** The CLI: may manage any account. */
  cli?: boolean;
}

/** The CLI as an actor in the audit log (like `demo` and `file`). */
export const CLI_MANAGER: Manager = {
  actor: { role: "operator", id: "cli", merchantId: null },
  cli: true,
};

export interface ManagedUser {
  username: string;
  role: UserRole;
  merchantId: string | null;
  disabledAt: number | null;
  liveSessions: number;
}

export type AccountAction = "disable" | "enable" | "end_sessions";

/** Why this manager may not do this to this account, or undefined when they may. */
export function mayNot(
  manager: Manager,
  target: { username: string; role: string },
  action: AccountAction,
): AppFailure | undefined {
  if (manager.cli) return undefined;
  if (target.role === "admin" && manager.account?.role !== "admin") {
    return fail(
      "forbidden",
      "admin_account",
      `only an admin signed in to the console (or gala user on the server) may change admin account ${target.username}`,
    ).failure;
  }
  if (action === "disable" && manager.account?.username === target.username) {
    return fail(
      "conflict",
      "own_account",
      "you cannot disable your own account: another admin can, or gala user disable on the server",
    ).failure;
  }
  return undefined;
}

export async function listManagedUsers(db: Db, now: number): Promise<ManagedUser[]> {
  return (await listUsers(db, now)).map((u) => ({
    username: u.username,
    role: u.role as UserRole,
    merchantId: u.merchantId,
    disabledAt: u.disabledAt,
    liveSessions: u.liveSessions,
  }));
}

export interface AccountChange {
  user: ManagedUser;
  /** Sessions ended by this call. */
  sessionsEnded: number;
}

/** Disables the account and ends its sessions; 409 if it is disabled already. */
export function disableUser(
  db: Db,
  manager: Manager,
  username: string,
  reason: string | null,
  at: number,
): Promise<Result<AccountChange>> {
  return change(db, manager, username, "disable", reason, at);
}

/** Lets the account sign in again; 409 if it is not disabled. */
export function enableUser(
  db: Db,
  manager: Manager,
  username: string,
  reason: string | null,
  at: number,
): Promise<Result<AccountChange>> {
  return change(db, manager, username, "enable", reason, at);
}

/** Ends every session of the account (it stays enabled: signing in again works). */
export function endUserSessions(
  db: Db,
  manager: Manager,
  username: string,
  reason: string | null,
  at: number,
): Promise<Result<AccountChange>> {
  return change(db, manager, username, "end_sessions", reason, at);
}

async function change(
  db: Db,
  manager: Manager,
  username: string,
  action: AccountAction,
  reason: string | null,
  at: number,
): Promise<Result<AccountChange>> {
  return db.transaction().execute(async (trx): Promise<Result<AccountChange>> => {
    const user = await findUserByUsername(trx, username);
    if (!user) return fail("not_found", "unknown_user", `no console account named ${username}`);
    const refusal = mayNot(manager, user, action);
    if (refusal) return { ok: false, failure: refusal };
    const from = user.disabledAt === null ? "active" : "disabled";
    let disabledAt = user.disabledAt;
    if (action !== "end_sessions") {
      disabledAt = action === "disable" ? at : null;
      if (!(await setUserDisabled(trx, user.id, disabledAt, at))) {
        return fail(
          "conflict",
          action === "disable" ? "already_disabled" : "not_disabled",
          `account ${username} is ${action === "disable" ? "disabled already" : "not disabled"}`,
        );
      }
    }
    const sessionsEnded = action === "enable" ? 0 : await deleteUserSessions(trx, user.id);
    await appendAudit(trx, [
      {
        at,
        actorRole: manager.actor.role,
        actorId: manager.actor.id,
        action: `user.${action}`,
        campaignId: null,
        subjectType: "user",
        subjectId: username,
        fromState: from,
        toState: disabledAt === null ? "active" : "disabled",
        reason,
        detail: { sessionsEnded },
      },
    ]);
    return ok({ user: view(user, disabledAt), sessionsEnded });
  });
}

const view = (u: UserRecord, disabledAt: number | null): ManagedUser => ({
  username: u.username,
  role: u.role as UserRole,
  merchantId: u.merchantId,
  disabledAt,
  liveSessions: 0,
});
