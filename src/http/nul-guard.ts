/**
 * No NUL character (U+0000) gets past the HTTP layer: PostgreSQL's text cannot hold one (the
 * statement fails, and the client got a 500, before authentication on the sign-in route), and
 * SQLite would store what PostgreSQL refuses, so the two stores would disagree. A NUL in a path
 * parameter, a query value or a JSON body (key or value, at any depth) is a 400 naming each place,
 * on every route, before validation reads the request.
 *
 * Headers need no check: Node's parser refuses a NUL in a header, and the values taken from
 * headers (bearer secret, session cookie) are hashed before any look-up.
 *
 * Kept fast for the common case: the body parser marks a body whose text holds the escape
 * `\u0000` (the only way JSON can spell a NUL), and only a marked body is walked.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import { formatPath } from "../domain/campaign/problems.js";
import { type IssueView, RequestValidationError } from "./validation.js";

/**
 * Routes whose body may hold a NUL: they refuse it item by item themselves. The events route
 * takes a batch, and one bad event must not fail its batch (a retrying channel would never get
 * past it); its path and query are still checked here.
 */
const BODY_CHECKED_BY_ROUTE = new Set(["POST /api/v1/events"]);

const MAX_ISSUES = 100;
const NUL = "\u0000";
const MESSAGE = "holds a NUL character (\\u0000), which cannot be stored: remove it";

const escapedNul = new WeakSet<FastifyRequest>();

/** For the JSON body parser: this body's text spells a NUL somewhere (maybe only escaped). */
export function markEscapedNul(request: FastifyRequest, text: string): void {
  if (text.includes("\\u0000")) escapedNul.add(request);
}

export function installNulGuard(app: FastifyInstance): void {
  app.addHook("preValidation", (request, _reply, done) => {
    const body =
      (escapedNul.has(request) || typeof request.body === "string") &&
      !BODY_CHECKED_BY_ROUTE.has(`${request.method} ${request.routeOptions.url}`);
    // Path parameters and query values are decoded from the URL: a NUL in them was spelled there
    // as `%00` (or as itself, which Node's parser refuses; injected requests are not parsed).
    // The common request spells none, and is not walked.
    const plainUrl = !(request.url.includes("%00") || request.url.includes(NUL));
    if (plainUrl && !body) return done();
    const issues: IssueView[] = [];
    if (!plainUrl) {
      collect(request.params, [], "params", issues);
      collect(request.query, [], "querystring", issues);
    }
    if (body) collect(request.body, [], "body", issues);
    if (issues.length === 0) return done();
    done(new RequestValidationError(issues));
  });
}

/** Adds an issue for each string or key holding a NUL in `value`, up to MAX_ISSUES. */
function collect(
  value: unknown,
  path: PropertyKey[],
  where: IssueView["in"],
  issues: IssueView[],
): void {
  if (issues.length >= MAX_ISSUES) return;
  if (typeof value === "string") {
    if (value.includes(NUL)) {
      issues.push({ in: where, path: formatPath(path), code: "nul_character", message: MESSAGE });
    }
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) collect(value[i], [...path, i], where, issues);
    return;
  }
  for (const key of Object.keys(value)) {
    if (key.includes(NUL)) collect(key, [...path, key], where, issues);
    else collect((value as Record<string, unknown>)[key], [...path, key], where, issues);
  }
}
