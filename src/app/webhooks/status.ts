/** The webhook outbox as operators see it: per endpoint and campaign, what is delivered and what waits. */
import { type CursorStatus, outboxStatus } from "../../store/repos/downstream/webhook-outbox.js";
import type { AppContext } from "../context.js";

export type { CursorStatus as WebhookStatus } from "../../store/repos/downstream/webhook-outbox.js";

export function readWebhookStatus(ctx: AppContext): Promise<CursorStatus[]> {
  return outboxStatus(ctx.store.db);
}
