/** Liveness for supervisors (contracts.md: 200 once the server takes requests) and `who am I`. */
import { z } from "zod";
import { actorOf } from "../auth.js";
import { errorResponses } from "../schemas/common.js";
import type { App } from "../types.js";

export function healthRoutes(app: App): void {
  app.get(
    "/healthz",
    { schema: { tags: ["meta"], response: { 200: z.object({ ok: z.literal(true) }) } } },
    async () => ({ ok: true as const }),
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
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return { role: actor.role, tokenId: actor.id, merchantId: actor.merchantId };
    },
  );
}
