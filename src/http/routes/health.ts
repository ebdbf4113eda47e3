/**
 * Liveness for supervisors (docs/interfaces.md, "HTTP": 200 once the server takes requests), readiness for load
 * balancers (the store takes writes), and `who am I`.
 */
import { z } from "zod";
import { actorOf } from "../auth.js";
import type { StoreReadiness } from "../readiness.js";
import type { App } from "../types.js";

const ReadyView = z.object({
  ready: z.boolean(),
  store: z.enum(["sqlite", "postgres"]),
  error: z
    .object({
      code: z.enum(["store_read_only", "store_full", "store_unavailable"]),
      message: z.string(),
    })
    .optional()
    .describe("why not ready"),
});

export function healthRoutes(app: App, readiness: StoreReadiness): void {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["meta"],
        summary: "Liveness: 200 while the process answers, whatever the database's state",
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async () => ({ ok: true as const }),
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["meta"],
        summary:
          "Readiness for a load balancer: 200 while the database takes writes; 503 with the reason (read-only, disk full, unreachable) while it does not",
        response: { 200: ReadyView, 503: ReadyView },
      },
    },
    async (_request, reply) => {
      const state = await readiness.check();
      return reply.code(state.ready ? 200 : 503).send(state);
    },
  );

  app.get(
    "/api/v1/me",
    {
      config: { roles: ["merchant", "operator", "platform", "channel"] },
      schema: {
        tags: ["meta"],
        summary: "The role and merchant this token acts as",
        response: {
          200: z.object({
            role: z.string(),
            tokenId: z.string(),
            merchantId: z.string().nullable(),
          }),
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { role: actor.role, tokenId: actor.id, merchantId: actor.merchantId };
    },
  );
}
