/**
 * The OpenAPI document, generated from the routes' zod schemas, served at `/api/openapi.json`
 * (public, docs/interfaces.md); `installDocsUi` adds the interactive docs at `/docs`.
 */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform } from "fastify-type-provider-zod";

export async function installOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Gala API",
        description:
          "Campaign operations for drop-ship distribution (1688 × Douyin): facts, registration, review, venue. Every /api/ path but this document needs `Authorization: Bearer TOKEN` (`gala token create`).",
        version: "1.0.0",
      },
      components: {
        securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      if (input.url.startsWith("/api/v1/") && out.schema && !out.schema.hide) {
        return { ...out, schema: { ...out.schema, security: [{ bearer: [] }] } };
      }
      return out;
    },
  });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
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
