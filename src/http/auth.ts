/**
 * Bearer tokens on every `/api/` path but the OpenAPI document (contracts.md): no or unknown
 * token → 401; a role the route does not allow, or a merchant token on another merchant's path
 * → 403. Runs before validation, so a stranger learns nothing from 400s.
 *
 * A callback hook rather than an async one: a token seen in the last few seconds is admitted in
 * the same turn, without the promises an async hook costs on every request (the channel sends
 * one request per refund).
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from "fastify";
import type { Actor } from "../app/actor.js";
import { authenticate, knownActor } from "../app/tokens.js";
import type { Db } from "../store/types.js";
import { errorBody } from "./errors.js";
import { authenticateSession, SESSION_PATH } from "./session.js";

// Signing in and out of the console needs no principal (session.ts).
const PUBLIC_API = new Set(["/api/openapi.json", SESSION_PATH]);

export function installAuth(app: FastifyInstance, db: Db): void {
  app.addHook("onRequest", (request, reply, done) => {
    const query = request.url.indexOf("?");
    const path = query === -1 ? request.url : request.url.slice(0, query);
    if (!path.startsWith("/api/") || PUBLIC_API.has(path)) return done();
    const secret = bearer(request);
    const known = secret === undefined ? undefined : knownActor(secret);
    if (known !== undefined) return admit(request, reply, known, done);
    principal(request, db, secret).then((found) => {
      if (found === "csrf") {
        reply
          .code(403)
          .send(errorBody("csrf", "send the gala_csrf cookie's value in x-csrf-token"));
      } else admit(request, reply, found, done);
    }, done);
  });
}

/** The bearer token's actor, else the console session's (or its CSRF refusal). */
async function principal(
  request: FastifyRequest,
  db: Db,
  secret: string | undefined,
): Promise<Actor | undefined | "csrf"> {
  if (secret !== undefined) return authenticate(db, secret);
  const session = await authenticateSession(request, db);
  if (session && "refused" in session) return "csrf";
  return session?.actor;
}

/** Lets the request on (`done`) or answers it here: 401 without an actor, 403 for the wrong one. */
function admit(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor | undefined,
  done: HookHandlerDoneFunction,
): void {
  if (!actor) {
    reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="gala"')
      .send(errorBody("unauthorized", "send Authorization: Bearer TOKEN (gala token create)"));
    return;
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
    return;
  }
  if (merchantParam && actor.role === "merchant") {
    const wanted = (request.params as Record<string, string | undefined>)[merchantParam];
    if (wanted !== actor.merchantId) {
      reply
        .code(403)
        .send(errorBody("other_merchant", `this token acts for merchant ${actor.merchantId} only`));
      return;
    }
  }
  done();
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
