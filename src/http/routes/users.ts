/**
 * Console accounts, for operators and admins (app/user-admin.ts says who may change which):
 * list them, disable one (sign-in refused, sessions ended at once), enable it again, end its
 * sessions; each change is audited, and its audit trail readable here.
 */
import { z } from "zod";
import { readAuditTrail } from "../../app/audit/trail.js";
import type { AppContext } from "../../app/context.js";
import {
  disableUser,
  enableUser,
  endUserSessions,
  listManagedUsers,
  type ManagedUser,
  type Manager,
} from "../../app/user-admin.js";
import { actorOf } from "../auth.js";
import { sendFailure } from "../errors.js";
import { DEFAULT_ZONE, formatterFor, presentAudit } from "../present.js";
import { ErrorBody, errorResponses, Instant } from "../schemas/common.js";
import { AuditPage } from "../schemas/registrations.js";
import type { App } from "../types.js";

const OPERATOR = { roles: ["operator"] as const };
const iso = formatterFor(DEFAULT_ZONE);

const UserParams = z.object({ username: z.string().min(1).max(64) });
const UserView = z.object({
  username: z.string(),
  role: z.enum(["merchant", "operator", "admin"]),
  merchantId: z.string().nullable(),
  disabledAt: Instant.nullable().describe(
    "when the account was disabled; null while it may sign in",
  ),
  liveSessions: z.number().int().describe("console sessions not yet expired"),
});
const ChangeView = z.object({
  user: UserView,
  sessionsEnded: z.number().int().describe("sessions this call ended"),
});
const Reason = z.string().trim().min(1).max(2000);

const present = (u: ManagedUser) => ({
  ...u,
  disabledAt: u.disabledAt === null ? null : iso(u.disabledAt),
});

export function userRoutes(app: App, ctx: AppContext): void {
  const manager = (request: Parameters<typeof actorOf>[0]): Manager => ({
    actor: actorOf(request),
    account: request.consoleUser,
  });

  app.get(
    "/api/v1/users",
    {
      config: OPERATOR,
      schema: {
        tags: ["users"],
        summary: "Console accounts, with whether each may sign in and its live sessions",
        response: { 200: z.object({ items: z.array(UserView) }) },
      },
    },
    async () => ({ items: (await listManagedUsers(ctx.store.db, Date.now())).map(present) }),
  );

  app.post(
    "/api/v1/users/:username/disable",
    {
      config: OPERATOR,
      schema: {
        tags: ["users"],
        summary:
          "Disable a console account: sign-in refused and its sessions ended at once (admin accounts: admins only; not your own); 409 if disabled already",
        params: UserParams,
        body: z.object({ reason: Reason.describe("required: why") }).strict(),
        response: { 200: ChangeView, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await disableUser(
        ctx.store.db,
        manager(request),
        request.params.username,
        request.body.reason,
        Date.now(),
      );
      return r.ok ? { ...r.value, user: present(r.value.user) } : sendFailure(reply, r.failure);
    },
  );

  app.post(
    "/api/v1/users/:username/enable",
    {
      config: OPERATOR,
      schema: {
        tags: ["users"],
        summary: "Let a disabled console account sign in again; 409 if it is not disabled",
        params: UserParams,
        body: z.object({ reason: Reason.optional() }).strict(),
        response: { 200: ChangeView, ...errorResponses, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const r = await enableUser(
        ctx.store.db,
        manager(request),
        request.params.username,
        request.body.reason ?? null,
        Date.now(),
      );
      return r.ok ? { ...r.value, user: present(r.value.user) } : sendFailure(reply, r.failure);
    },
  );

  app.delete(
    "/api/v1/users/:username/sessions",
    {
      config: OPERATOR,
      schema: {
        tags: ["users"],
        summary:
          "End every console session of an account at once (it may sign in again); admin accounts: admins only",
        params: UserParams,
        response: { 200: ChangeView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await endUserSessions(
        ctx.store.db,
        manager(request),
        request.params.username,
        null,
        Date.now(),
      );
      return r.ok ? { ...r.value, user: present(r.value.user) } : sendFailure(reply, r.failure);
    },
  );

  app.get(
    "/api/v1/users/:username/audit",
    {
      config: OPERATOR,
      schema: {
        tags: ["users"],
        summary: "An account's audit trail: created, reset, disabled, enabled, sessions ended",
        params: UserParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1000).default(100),
          after: z.coerce
            .number()
            .int()
            .min(0)
            .optional()
            .describe("last seq of the previous page"),
        }),
        response: { 200: AuditPage },
      },
    },
    async (request) => {
      const trail = await readAuditTrail(
        ctx,
        { subjectType: "user", subjectId: request.params.username },
        request.query,
      );
      return {
        items: trail.items.map((e) => presentAudit(e, iso)),
        nextCursor: trail.nextCursor,
      };
    },
  );
}
