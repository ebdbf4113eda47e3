/**
 * Security headers. Pages (the console and the API docs) get @fastify/helmet with a Content
 * Security Policy they work under: scripts, fonts and connections from this origin only (the
 * console is a Vite build with no inline script; swagger-ui loads its own files), styles from
 * this origin and inline ones (the campaign editor, CodeMirror, writes its theme as style
 * elements and attributes; a nonce would need index.html rendered per request, and inline
 * styles cannot run code), images also as `data:` URLs (the console's empty icon, swagger-ui's
 * SVGs), never framed. No
 * `upgrade-insecure-requests` and no HSTS: Gala is often reached over plain http on a LAN or
 * behind a TLS proxy, which is where HSTS belongs.
 *
 * The API's JSON answers get the few headers that matter for JSON, set once per request from
 * constants: @fastify/helmet builds its whole middleware anew on every request, behind two
 * promise hooks, which the channel's one-request-per-refund path should not pay for.
 */
import helmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

const SELF = "'self'";

export const PAGE_POLICY: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: [SELF],
      scriptSrc: [SELF],
      scriptSrcAttr: ["'none'"],
      styleSrc: [SELF, "'unsafe-inline'"],
      imgSrc: [SELF, "data:"],
      fontSrc: [SELF, "data:"],
      connectSrc: [SELF],
      objectSrc: ["'none'"],
      baseUri: [SELF],
      formAction: [SELF],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: "deny" },
  hsts: false,
};

/** What a JSON answer needs: nothing may run in it, frame it, or sniff it into something else. */
const API_HEADERS = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
} as const;

/**
 * Every answer: its request id and the API's headers (pages trade the latter for helmet's in
 * `withPageHeaders`). One hook, and on Fastify's headers rather than the raw response: once any
 * header is set on the raw response, Node's `writeHead` takes its slow path and sets every other
 * header of the answer through `setHeader` one by one.
 */
export function installApiHeaders(app: FastifyInstance): void {
  app.addHook("onRequest", (request, reply, done) => {
    // Set on arrival (a header set before the handler stays on every answer, errors included).
    reply.header("x-request-id", request.id);
    for (const name in API_HEADERS) reply.header(name, API_HEADERS[name as ApiHeader]);
    done();
  });
}

type ApiHeader = keyof typeof API_HEADERS;

/**
 * Registers `pages` (routes serving HTML and its files) under @fastify/helmet's page policy.
 * Helmet writes its headers on the raw response, and Fastify's own would win over them when the
 * answer is written: the API's are moved to the raw response first, for helmet's to replace.
 */
export async function withPageHeaders(
  app: FastifyInstance,
  pages: (scope: FastifyInstance) => Promise<void>,
  guard?: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    // Before helmet's hooks: a refusal answers with the API's headers, as any refusal.
    guard?.(scope);
    scope.addHook("onRequest", (_request, reply, done) => {
      for (const name in API_HEADERS) {
        const value = reply.getHeader(name);
        if (value === undefined) continue;
        reply.removeHeader(name);
        reply.raw.setHeader(name, value);
      }
      done();
    });
    await scope.register(helmet, PAGE_POLICY);
    await pages(scope);
  });
}
