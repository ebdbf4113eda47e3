/**
 * Bearer tokens on every `/api/` path but the OpenAPI document (docs/interfaces.md): no or unknown
 * token → 401; a role the route does not allow, or a merchant token on another merchant's path
 * → 403. Runs before validation, so a stranger learns nothing from 400s.
 *
 * A callback hook rather than an async one: a token seen in the last few seconds is admitted in
 * the same turn, without the promises an async hook costs on every request (the channel sends
 * one request per refund); any other case goes through a promise, as an async hook would.
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from "fastify";
import type { Actor, Role } from "../app/actor.js";
import { authenticate, knownActor } from "../app/tokens.js";
import type { Db } from "../store/types.js";
import type { ApiSurface } from "./api-surface.js";
import { decodedPath, errorBody } from "./errors.js";
import { authenticateSession, SESSION_PATH } from "./session.js";

// Signing in and out of the console needs no principal (session.ts).
const PUBLIC_API = new Set(["/api/openapi.json", SESSION_PATH]);

type Gate = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void | Promise<void>;

/** What the gate knows of a route before any request: its pattern and config. */
interface RouteGate {
  /** The route's pattern; undefined for no route (the not-found handler). */
  pattern: string | undefined;
  roles: readonly Role[] | undefined;
  merchantParam: string | undefined;
}

/** Marks the route-level gates, so a scope of pages can take them off its routes. */
const ROUTE_GATE = Symbol("route gate");

export interface Auth {
  /**
   * For a scope serving pages (the console, the docs): a scope's own hooks run before its routes'
   * hooks, and helmet's would write its headers before a route's gate could answer 401; so the
   * scope's first hook is the gate, the same for all its routes (which never have an API pattern
   * nor roles: the one a route no one matched meets), and its routes carry none of their own.
   */
  guardPages(scope: FastifyInstance): void;
}

/**
 * Each route gets its own gate as a route-level hook, made when the route is added: what the
 * route's pattern and config decide is decided once, not read back through `routeOptions` (a
 * getter building a new object on each call) on every request. A request no route matched still
 * meets the same gate, through the one global hook, which lets routed requests pass at once.
 * Install before any route is added.
 */
export function installAuth(app: FastifyInstance, db: Db, surface?: ApiSurface): Auth {
  const unrouted = gate({ pattern: undefined, roles: undefined, merchantParam: undefined });
  app.addHook("onRoute", (route) => {
    if (PUBLIC_API.has(route.url)) return;
    const own = Object.assign(
      gate({
        pattern: route.url,
        roles: route.config?.roles,
        merchantParam: route.config?.merchantParam,
      }),
      { [ROUTE_GATE]: true },
    );
    // First of the route's own hooks (they all run after the global ones), as a global hook was.
    const hooks = route.onRequest;
    route.onRequest = hooks === undefined ? [own] : [own, ...[hooks].flat()];
  });
  app.addHook("onRequest", (request, reply, done) => {
    if (!request.is404) return done();
    unrouted(request, reply, done);
  });
  return {
    guardPages(scope) {
      scope.addHook("onRequest", unrouted);
      // Runs after the root's onRoute hooks: the gate given above is taken off again.
      scope.addHook("onRoute", (route) => {
        if (route.url.startsWith("/api/") || route.config?.roles !== undefined) {
          throw new Error(`${route.url}: an API route does not belong among the pages`);
        }
        const hooks = [route.onRequest ?? []].flat().filter((h) => !(ROUTE_GATE in h));
        route.onRequest = hooks.length > 0 ? hooks : undefined;
      });
    },
  };

  function gate(route: RouteGate): Gate {
    const { pattern, roles } = route;
    // The route the router matched decides, not the URL as spelled: `/%61pi/v1/campaigns` is
    // routed to `/api/v1/campaigns`. A path no API route matched (the console's catch-all, a
    // 404) is judged decoded, so an unknown API path still asks for a token.
    const api = pattern?.startsWith("/api/") === true;
    return (request, reply, done) => {
      if (!api) {
        const path = decodedPath(request.url);
        if (roles === undefined && !path.startsWith("/api/")) return done();
        // A known path asked with a method it lacks is answered 405 by anyone: which methods a
        // path has is public (the OpenAPI document says it), and a token would not change it.
        const allowed = surface?.allowedMethods(path) ?? [];
        if (allowed.length > 0 && !allowed.includes(request.method)) return done();
      }
      const secret = bearer(request);
      const known = secret === undefined ? undefined : knownActor(secret);
      if (known === undefined) {
        // Fastify awaits a hook's promise instead of `done`; a throw in it is a 500, not a crash.
        return lookUp(request, reply, db, secret, route);
      }
      if (!refused(request, reply, known, route)) done();
    };
  }
}

/** The slow path: the token from the database, or the console session (and its CSRF check). */
async function lookUp(
  request: FastifyRequest,
  reply: FastifyReply,
  db: Db,
  secret: string | undefined,
  route: RouteGate,
): Promise<void> {
  if (secret !== undefined) {
    refused(request, reply, await authenticate(db, secret), route);
    return;
  }
  const session = await authenticateSession(request, db);
  if (session && "refused" in session) {
    reply.code(403).send(errorBody("csrf", "send the gala_csrf cookie's value in x-csrf-token"));
    return;
  }
  refused(request, reply, session?.actor, route);
}

/**
 * Answers the request here when the actor may not go on — 401 without one, 403 for a role the
 * route does not allow or another merchant's path — and says so; otherwise records the actor.
 */
function refused(
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor | undefined,
  { roles, merchantParam }: RouteGate,
): boolean {
  if (!actor) {
    reply
      .code(401)
      .header("www-authenticate", 'Bearer realm="gala"')
      .send(errorBody("unauthorized", "send Authorization: Bearer TOKEN (gala token create)"));
    return true;
  }
  request.actor = actor;
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
