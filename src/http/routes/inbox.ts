/**
 * The merchant's inbox: `GET …/inbox` (the merchant, or an operator on a support call), the
 * unread count for the console's top bar, and marking read (the merchant only: an operator
 * reading it must not make it look read).
 */
import type { AppContext } from "../../app/context.js";
import { markEverythingRead, markRead, readInbox, readUnread } from "../../app/inbox/inbox.js";
import type { Subject } from "../../domain/inbox/wording.js";
import { sendFailure } from "../errors.js";
import { formatterFor } from "../present.js";
import { ErrorBody, errorResponses } from "../schemas/common.js";
import { InboxPage, InboxParams, InboxQuery, MarkReadBody, UnreadView } from "../schemas/inbox.js";
import type { App } from "../types.js";

const tags = ["inbox"];
const base = "/api/v1/campaigns/:campaignId/merchants/:merchantId/inbox";

/** The console's page about a subject (web/src/app/routes.tsx). */
export function consoleHref(merchantId: string, subject: Subject): string {
  const m = `/merchants/${encodeURIComponent(merchantId)}`;
  switch (subject.type) {
    case "order":
      return `${m}/orders/${encodeURIComponent(subject.id)}`;
    case "registration":
      return `${m}/registrations`;
    case "product":
    case "merchant":
      return `${m}/campaign`;
  }
}

export function inboxRoutes(app: App, ctx: AppContext): void {
  app.get(
    base,
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary:
          "A merchant's notifications, newest first: review outcomes, violations, claims, traffic, delistings, exits, intercepts, … in zh and en",
        params: InboxParams,
        querystring: InboxQuery,
        response: { 200: InboxPage, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { campaignId, merchantId } = request.params;
      const { cursor, limit } = request.query;
      const r = await readInbox(
        ctx,
        { campaignId, merchantId },
        { limit, ...(cursor === undefined ? {} : { cursor }) },
      );
      if (!r.ok) return sendFailure(reply, r.failure);
      const iso = formatterFor(r.value.loaded.campaign.timeZone);
      return {
        items: r.value.items.map((n) => ({
          ...n,
          at: iso(n.at),
          notifiedAt: iso(n.notifiedAt),
          href: consoleHref(merchantId, n.subject),
        })),
        unread: r.value.unread,
        nextCursor: r.value.nextCursor,
      };
    },
  );

  app.get(
    `${base}/unread`,
    {
      config: { roles: ["merchant", "operator"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary: "How many notifications the merchant has not read",
        params: InboxParams,
        response: { 200: UnreadView, ...errorResponses },
      },
    },
    async (request, reply) => {
      const r = await readUnread(ctx, request.params);
      if (!r.ok) return sendFailure(reply, r.failure);
      return { unread: r.value };
    },
  );

  app.post(
    `${base}/read`,
    {
      config: { roles: ["merchant"], merchantParam: "merchantId" },
      schema: {
        tags,
        summary: "Mark notifications read: {ids: [...]} or {all: true}",
        params: InboxParams,
        body: MarkReadBody,
        response: { 200: UnreadView, ...errorResponses, 404: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const r =
        "all" in body
          ? await markEverythingRead(ctx, request.params)
          : await markRead(ctx, request.params, body.ids);
      if (!r.ok) return sendFailure(reply, r.failure);
      return r.value;
    },
  );
}
