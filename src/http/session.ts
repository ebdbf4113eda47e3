/**
 * Console sign-in. A person signs in with a password and gets two cookies: `gala_session`
 * (HttpOnly, SameSite=Lax, Secure behind https) and `gala_csrf` (readable by the page). The
 * console then calls the same `/api/v1` routes as integrations; the auth hook resolves the
 * session to the same principal a token has. Mutating requests authenticated by the cookie must
 * echo `gala_csrf` in `x-csrf-token` (double submit): another site can make the browser send the
 * cookie, but cannot read it to set the header.
 *
 * Session expiry uses the wall clock, not the server's campaign clock: `--clock` rehearses a
 * campaign in the past, while people's sessions live in the present.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Actor } from "../app/actor.js";
import { SignInThrottle } from "../app/sign-in-throttle.js";
import {
  csrfMatches,
  type ResolvedSession,
  resolveSession,
  SESSION_TTL_MS,
  signIn,
  signOut,
  type UserView,
} from "../app/users.js";
import type { Db } from "../store/types.js";
import { parseCookies, serializeCookie } from "./cookies.js";
import { errorBody } from "./errors.js";
import { ErrorBody } from "./schemas/common.js";
import type { App } from "./types.js";

export const SESSION_COOKIE = "gala_session";
export const CSRF_COOKIE = "gala_csrf";
export const CSRF_HEADER = "x-csrf-token";
/** Paths the auth hook lets through without a principal: signing in and out. */
export const SESSION_PATH = "/api/v1/session";

declare module "fastify" {
  interface FastifyRequest {
    /** Set when the request was authenticated by a console session rather than a token. */
    consoleUser?: UserView;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function cookies(request: FastifyRequest): Record<string, string> {
  const header = request.headers.cookie;
  return parseCookies(typeof header === "string" ? header : undefined);
}

export type SessionAuth = { actor: Actor } | { refused: "csrf" } | undefined;

/**
 * For the auth hook: the principal of the request's session cookie, `{refused: "csrf"}` when a
 * mutating request lacks the matching CSRF header, or undefined when there is no live session.
 */
export async function authenticateSession(request: FastifyRequest, db: Db): Promise<SessionAuth> {
  const id = cookies(request)[SESSION_COOKIE];
  if (!id) return undefined;
  const resolved: ResolvedSession | undefined = await resolveSession(db, id, Date.now());
  if (!resolved) return undefined;
  if (!SAFE_METHODS.has(request.method)) {
    const header = request.headers[CSRF_HEADER];
    if (!csrfMatches(resolved.csrfToken, typeof header === "string" ? header : undefined)) {
      return { refused: "csrf" };
    }
  }
  request.consoleUser = resolved.user;
  return { actor: resolved.actor };
}

function setSessionCookies(request: FastifyRequest, reply: FastifyReply, id: string, csrf: string) {
  const base = {
    secure: request.protocol === "https",
    maxAgeSeconds: Math.floor(SESSION_TTL_MS / 1000),
  };
  reply.header("set-cookie", [
    serializeCookie(SESSION_COOKIE, id, { ...base, httpOnly: true }),
    serializeCookie(CSRF_COOKIE, csrf, { ...base, httpOnly: false }),
  ]);
}

function clearSessionCookies(request: FastifyRequest, reply: FastifyReply) {
  const gone = { secure: request.protocol === "https", maxAgeSeconds: 0 };
  reply.header("set-cookie", [
    serializeCookie(SESSION_COOKIE, "", { ...gone, httpOnly: true }),
    serializeCookie(CSRF_COOKIE, "", { ...gone, httpOnly: false }),
  ]);
}

const SignInBody = z.object({
  username: z.string().trim().min(1, "enter a username").max(64),
  password: z.string().min(1, "enter a password").max(256),
});

const Me = z.object({
  username: z.string(),
  role: z.enum(["merchant", "operator", "admin", "platform", "channel"]),
  merchantId: z.string().nullable(),
  via: z.enum(["session", "token"]),
});

export function sessionRoutes(app: App, db: Db): void {
  const throttle = new SignInThrottle();
  app.post(
    SESSION_PATH,
    {
      schema: {
        tags: ["console"],
        summary:
          "Sign in to the console; sets the session and CSRF cookies. After 5 failures for a username from one address (or 50 from one address) in 15 minutes: 429 with Retry-After",
        body: SignInBody,
        response: { 200: Me, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const now = Date.now();
      const wait = throttle.waitMs(username, request.ip, now);
      if (wait > 0) {
        const seconds = Math.ceil(wait / 1000);
        return reply
          .code(429)
          .header("retry-after", String(seconds))
          .send(
            errorBody(
              "too_many_attempts",
              `too many failed sign-ins for this username or from this address; try again in ${Math.ceil(seconds / 60)} min`,
            ),
          );
      }
      const outcome = await signIn(db, username, password, now);
      if (!outcome.ok) {
        throttle.failed(username, request.ip, now);
        return reply.code(401).send(errorBody("bad_credentials", "wrong username or password"));
      }
      throttle.succeeded(username, request.ip);
      const s = outcome.value;
      setSessionCookies(request, reply, s.sessionId, s.csrfToken);
      return { ...s.user, via: "session" as const };
    },
  );

  app.delete(
    SESSION_PATH,
    {
      schema: {
        tags: ["console"],
        summary: "Sign out of the console",
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const id = cookies(request)[SESSION_COOKIE];
      if (id) await signOut(db, id);
      clearSessionCookies(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    SESSION_PATH,
    {
      schema: {
        tags: ["console"],
        summary: "Who the console session belongs to (401 when signed out)",
        response: { 200: Me, 401: ErrorBody },
      },
    },
    async (request, reply) => {
      const id = cookies(request)[SESSION_COOKIE];
      const resolved = id ? await resolveSession(db, id, Date.now()) : undefined;
      if (!resolved) return reply.code(401).send(errorBody("unauthorized", "not signed in"));
      return { ...resolved.user, via: "session" as const };
    },
  );
}
