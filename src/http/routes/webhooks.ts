/**
 * The webhook outbox as operators see it: per endpoint and campaign, the last decision
 * acknowledged, how many wait, and the state of the attempts at the next one.
 */
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { readWebhookStatus } from "../../app/webhooks/status.js";
import type { App } from "../types.js";

const Epoch = z.string().nullable().describe("UTC ISO-8601, by the server's wall clock");

const OutboxView = z.object({
  items: z.array(
    z.object({
      endpoint: z.string().describe("the URL, any user:password in it hidden"),
      campaignId: z.string(),
      deliveredSeq: z.number().int().describe("the last decision (seq) the endpoint acknowledged"),
      deliveredCount: z.number().int(),
      pending: z.number().int().describe("decisions waiting to be delivered"),
      attempts: z.number().int().describe("failed attempts at the next decision in a row"),
      nextAttemptAt: Epoch,
      lastAttemptAt: Epoch,
      lastStatus: z.number().int().nullable(),
      lastError: z.string().nullable(),
    }),
  ),
});

function redacted(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "***";
      u.password = "";
    }
    return u.toString();
  } catch {
    return url;
  }
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString());

export function webhookRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/webhooks",
    {
      config: { roles: ["operator"] },
      schema: {
        tags: ["webhooks"],
        summary: "Webhook delivery: per endpoint and campaign, what is delivered and what waits",
        response: { 200: OutboxView },
      },
    },
    async () => ({
      items: (await readWebhookStatus(ctx)).map((s) => ({
        ...s,
        endpoint: redacted(s.endpoint),
        nextAttemptAt: iso(s.nextAttemptAt),
        lastAttemptAt: iso(s.lastAttemptAt),
      })),
    }),
  );
}
