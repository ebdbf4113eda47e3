/**
 * Bearer tokens on every `/api/` path but the OpenAPI document (contracts.md): no or unknown
 * token → 401; a role the route does not allow, or a merchant token on another merchant's path
 * → 403. Runs before validation, so a stranger learns nothing from 400s.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { authenticate } from "../app/tokens.js";
import type { Db } from "../store/types.js";
import { errorBody } from "./errors.js";
import { authenticateSession, SESSION_PATH } from "./session.js";

// Signing in and out of the console needs no principal (session.ts).
const PUBLIC_API = new Set(["/api/openapi.json", SESSION_PATH]);

export function installAuth(app: FastifyInstance, db: Db): void {
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?", 1)[0]!;
    if (!path.startsWith("/api/") || PUBLIC_API.has(path)) return;
    const secret = bearer(request);
    let actor = secret === undefined ? undefined : await authenticate(db, secret);
    if (secret === undefined) {
      // No bearer token: the console's session cookie, resolving to the same principal.
      const session = await authenticateSession(request, db);
      if (session && "refused" in session) {
        return reply
          .code(403)
          .send(errorBody("csrf", "send the gala_csrf cookie's value in x-csrf-token"));
      }
      actor = session?.actor;
    }
    if (!actor) {
      return reply
        .code(401)
        .header("www-authenticate", 'Bearer realm="gala"')
        .send(errorBody("unauthorized", "send Authorization: Bearer TOKEN (gala token create)"));
    }
    request.actor = actor;
    const { roles, merchantParam } = request.routeOptions.config;
    if (roles && !roles.includes(actor.role)) {
      return reply
        .code(403)
        .send(
          errorBody(
            "forbidden_role",
            `role ${actor.role} may not use this route (${roles.join(", ")} may)`,
          ),
        );
    }
    if (merchantParam && actor.role === "merchant") {
      const wanted = (request.params as Record<string, string | undefined>)[merchantParam];
      if (wanted !== actor.merchantId) {
        return reply
          .code(403)
          .send(
            errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`),
          );
      }
    }
  });
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== "string") return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The authenticated actor; routes behind the hook always have one. */
export function actorOf(request: FastifyRequest) {
  if (!request.actor) throw new Error("route reached without an authenticated actor");
  return request.actor;
}
