/**
 * The OpenAPI document, generated from the routes' zod schemas, served at `/api/openapi.json`
 * (public, docs/interfaces.md); `installDocsUi` adds the interactive docs at `/docs`.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import { SESSION_COOKIE, SESSION_PATH } from "./session.js";

/** Bearer token or console session: either authenticates every `/api/v1` route behind a role. */
type Security = Array<Record<string, string[]>>;
const SIGNED_IN: Security = [{ bearer: [] }, { session: [] }];

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Gala API",
        description:
          "Campaign operations for drop-ship distribution (1688 × Douyin): facts, registration, review, venue. Every /api/ path but this document and signing in needs `Authorization: Bearer TOKEN` (`gala token create`) or a console session (the `gala_session` cookie, from `POST /api/v1/session`). Errors are `{error: {code, message, details?, issues?}}`; an unknown query parameter is a 400 naming it; a known path asked with another method answers 405 with `Allow`.",
        version: "1.0.0",
        license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      },
      servers: [{ url: "/", description: "the server this document was read from" }],
      components: {
        securitySchemes: {
          bearer: {
            type: "http",
            scheme: "bearer",
            description: "A token from `gala token create`: its role and merchant decide access",
          },
          session: {
            type: "apiKey",
            in: "cookie",
            name: SESSION_COOKIE,
            description:
              "A console session (POST /api/v1/session). Requests other than GET and HEAD must also send the `gala_csrf` cookie's value in `x-csrf-token`, or they answer 403 `csrf`.",
          },
        },
      },
    },
    // Schemas with a `.meta({ id })` become components: one ErrorBody, one RegistrationView, ….
    transformObject: (input) => withoutUnusedSchemas(jsonSchemaTransformObject(input)),
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      if (!out.schema || out.schema.hide) return out;
      const method = [input.route.method].flat()[0] ?? "GET";
      return {
        ...out,
        schema: {
          ...out.schema,
          response: described(out.schema.response as Record<string, object> | undefined),
          operationId: out.schema.operationId ?? operationIdOf(method, input.url),
          security: securityOf(input.url, method, input.route.config?.roles !== undefined),
        },
      };
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Components no operation refers to, dropped: the zod provider emits an input and an output
 * variant of every named schema, and most are used only one way.
 */
function withoutUnusedSchemas<T>(doc: T): T {
  const d = doc as { components?: { schemas?: Record<string, unknown> } };
  const schemas = d.components?.schemas;
  if (!schemas) return doc;
  for (;;) {
    const text = JSON.stringify({ ...d, components: { ...d.components, schemas: {} } });
    const inSchemas = JSON.stringify(schemas);
    const unused = Object.keys(schemas).filter((name) => {
      const ref = `"#/components/schemas/${name}"`;
      // Referred to from the paths, or from another schema (not only from itself).
      return (
        !text.includes(ref) && !inSchemas.replace(JSON.stringify(schemas[name]), "").includes(ref)
      );
    });
    if (unused.length === 0) return doc;
    for (const name of unused) delete schemas[name];
  }
}

/** What each error status means here, for responses whose schema does not say. */
const ERROR_MEANING: Record<string, string> = {
  "400":
    "The request is malformed: `issues` names every bad field, unknown parameter or NUL character",
  "401": "No valid token or console session",
  "403":
    "The caller's role may not use this route, or the data is another merchant's (or the CSRF header is missing)",
  "404": "No such resource (the code says which)",
  "409": "The resource is not in a state that allows this (the code and details say why)",
  "413": "The body is larger than the server takes",
  "415": "The body is not JSON (send Content-Type: application/json)",
  "422": "Understood but refused by a campaign rule or window (the code says which)",
  "429": "Too many attempts: wait the Retry-After seconds",
  "503":
    "The database cannot take the request now (read-only, full, unreachable): retry after Retry-After",
};

function described(responses: Record<string, object> | undefined) {
  if (!responses) return responses;
  return Object.fromEntries(
    Object.entries(responses).map(([status, schema]) => {
      const meaning = ERROR_MEANING[status];
      return [
        status,
        meaning && !("description" in schema) ? { ...schema, description: meaning } : schema,
      ];
    }),
  );
}

/**
 * Who may call: routes behind a role take a token or a session; signing in takes neither, and
 * reading or ending one's session is about the cookie alone; health checks are public.
 */
function securityOf(url: string, method: string, behindRole: boolean): Security {
  if (url === SESSION_PATH) {
    if (method === "POST") return [];
    return method === "DELETE" ? [{ session: [] }, {}] : [{ session: [] }];
  }
  return behindRole ? SIGNED_IN : [];
}

/**
 * A stable id from the method and path (client generators name functions by it):
 * `GET /api/v1/campaigns/:campaignId/versions` → `getCampaignsByCampaignIdVersions`.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, "/")
    .split("/")
    .filter((s) => s !== "")
    .map((s) => (s.startsWith(":") ? `by-${s.slice(1)}` : s))
    .flatMap((s) => s.split(/[-_.]/))
    .filter((w) => w !== "");
  return method.toLowerCase() + words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
}

/**
 * swagger-ui at `/docs`, reading the document `installOpenApi` made. Its bundle adds a `<style>`
 * element of its own, so its pages (only) let inline styles through the page policy (never
 * inline scripts).
 */
export async function installDocsUi(app: FastifyInstance): Promise<void> {
  await app.register(swaggerUi, {
    routePrefix: "/docs",
    // swagger-ui adds a style element: inline styles (the page policy may already allow them).
    transformStaticCSP: (policy) =>
      /style-src[^;]*'unsafe-inline'/.test(policy)
        ? policy
        : policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"),
  });
}
