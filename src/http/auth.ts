/**
 * Bearer tokens on every `/api/` path but the OpenAPI document (docs/interfaces.md): no or unknown
 * token → 401; a role the route does not allow, or a merchant token on another merchant's path
 * → 403. Runs before validation, so a stranger learns nothing from 400s.
 *
 * A callback hook rather than an async one: a token seen in the last few seconds is admitted in
 * the same turn, without the promises an async hook costs on every request (the channel sends
 * one request per refund); any other case goes through a promise, as an async hook would.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../app/actor.js";
import { authenticate, knownActor } from "../app/tokens.js";
import type { Db } from "../store/types.js";
import type { ApiSurface } from "./api-surface.js";
import { decodedPath, errorBody } from "./errors.js";
import { authenticateSession, SESSION_PATH } from "./session.js";

// Signing in and out of the console needs no principal (session.ts).
const PUBLIC_API = new Set(["/api/openapi.json", SESSION_PATH]);

export function installAuth(app: FastifyInstance, db: Db, surface?: ApiSurface): void {
  app.addHook("onRequest", (request, reply, done) => {
    // The route the router matched decides, not the URL as spelled: `/%61pi/v1/campaigns` is
    // routed to `/api/v1/campaigns`. A path no API route matched (the console's catch-all, a 404)
    // is judged decoded, so an unknown API path still asks for a token.
    const pattern = request.routeOptions.url;
    if (pattern !== undefined && PUBLIC_API.has(pattern)) return done();
    const guarded =
      pattern?.startsWith("/api/") ||
      request.routeOptions.config.roles !== undefined ||
      decodedPath(request.url).startsWith("/api/");
    if (!guarded) return done();
    // A known path asked with a method it lacks is answered 405 by anyone: which methods a path
    // has is public (the OpenAPI document says it), and a token would not change the answer.
    if (!pattern?.startsWith("/api/")) {
      const allowed = surface?.allowedMethods(decodedPath(request.url)) ?? [];
      if (allowed.length > 0 && !allowed.includes(request.method)) return done();
    }
    const secret = bearer(request);
    const known = secret === undefined ? undefined : knownActor(secret);
    if (known === undefined) {
      // Fastify awaits a hook's promise instead of `done`; a throw in it is a 500, not a crash.
      return lookUp(request, reply, db, secret);
    }
    if (!refused(request, reply, known)) done();
  });
}

/** The slow path: the token from the database, or the console session (and its CSRF check). */
async function lookUp(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  secret: string | undefined,
): Promise<void> {
  if (secret !== undefined) {
    refused(request, reply, await authenticate(db, secret));
    return;
  }
  const session = await authenticateSession(request, db);
  if (session && "refused" in session) {
    reply.code(403).send(errorBody("csrf", "send the gala_csrf cookie's value in x-csrf-token"));
    return;
  }
  refused(request, reply, session?.actor);
}

/**
 * Answers the request here when the actor may not go on — 401 without one, 403 for a role the
 * route does not allow or another merchant's path — and says so; otherwise records the actor.
 */
function refused(request: FastifyRequest, reply: FastifyReply, actor: Actor | undefined): boolean {
  if (!actor) {
    reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="gala"')
      .send(errorBody("unauthorized", "send Authorization: Bearer TOKEN (gala token create)"));
    return true;
  }
  request.actor = actor;
  const { roles, merchantParam } = request.routeOptions.config;
  if (roles && !roles.includes(actor.role)) {
    reply
      .code(403)
      .send(
        errorBody(
          "forbidden_role",
          `role ${actor.role} may not use this route (${roles.join(", ")} may)`,
        ),
      );
    return true;
  }
  if (merchantParam && actor.role === "merchant") {
    const wanted = (request.params as Record<string, string | undefined>)[merchantParam];
    if (wanted !== actor.merchantId) {
      reply
        .code(403)
        .send(errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`));
      return true;
    }
  }
  return false;
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
