/**
 * `POST /api/v1/events` (role channel): answered after the batch is committed, with the decisions
 * it caused. The answer is written as text: the decisions already are JSON (the replay's lines),
 * so they are joined rather than parsed and serialised again.
 */

import type { AppContext } from "../../app/context.js";
import { submitEvents } from "../../app/fulfilment/ingest-queue.js";
import { EventBatch, IngestAnswer } from "../schemas/events.js";
import type { App } from "../types.js";

/** `maxEventLeadMs`: how far past the server's clock an event may be dated (default: any). */
export function eventRoutes(app: App, ctx: AppContext, maxEventLeadMs?: number): void {
  app.post(
    "/api/v1/events",
    {
      config: { roles: ["channel"] },
      schema: {
        tags: ["fulfilment"],
        summary: "Push channel events; durable before the answer, idempotent by event id",
        body: EventBatch,
        response: { 200: IngestAnswer },
      },
    },
    async (request, reply) => {
      const r = await submitEvents(ctx, request.body, maxEventLeadMs);
      const text = `{"accepted":${r.accepted},"duplicates":${r.duplicates},"errors":${JSON.stringify(r.errors)},"decisions":[${r.decisions.join(",")}]}`;
      // Fastify sends a JSON-typed string as is; the schema above still documents its shape.
      return reply.type("application/json; charset=utf-8").send(text as never);
    },
  );
}
