/** The venue (channel, and operators watching it): live listings of a running campaign. */
import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { readVenuePage } from "../../app/venue/venue.js";
import { sendFailure } from "../errors.js";
import { CampaignParams, errorResponses, PageQuery } from "../schemas/common.js";
import { VenuePage } from "../schemas/venue.js";
import type { App } from "../types.js";
import { noneMatch, venueEncoding, venueJson } from "../venue-json.js";

export function venueRoutes(app: App, ctx: AppContext): void {
  app.get(
    "/api/v1/campaigns/:campaignId/venue",
    {
      config: { roles: ["channel", "operator"] },
      // Gzipped here, the page's part compressed once (venue-json.ts), not by @fastify/compress per answer.
      compress: false,
      decompress: false,
      schema: {
        tags: ["venue"],
        summary:
          "Approved products of a running campaign, by traffic weight then registration time",
        description:
          "Each page carries a weak `ETag` covering everything but `now`; send it back in `If-None-Match` and an unchanged page is answered `304 Not Modified` with no body. Any change to the page's products, their order, weights, shown facts, its next cursor or whether the campaign is running changes the tag. The body is gzipped when `Accept-Encoding` takes gzip (`Vary: Accept-Encoding`); the tag is the same in either coding.",
        params: CampaignParams,
        querystring: PageQuery,
        response: {
          200: VenuePage,
          304: z.void().describe("the page is as the ETag in If-None-Match names it"),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { campaignId } = request.params;
      const r = await readVenuePage(ctx, campaignId, request.query.cursor, request.query.limit);
      if (!r.ok) return sendFailure(reply, r.failure);
      const { etag, body } = venueJson(r.value);
      reply
        .header("etag", etag)
        .header("cache-control", "no-cache")
        .header("vary", "accept-encoding");
      if (noneMatch(request.headers["if-none-match"], etag)) return reply.code(304).send();
      const encoding = venueEncoding(request.headers["accept-encoding"]);
      if (encoding) reply.header("content-encoding", encoding);
      // Built once per page and venue version: sent as bytes, past the response serializer (the
      // type provider knows only objects; venue-json.ts writes VenuePage's shape, api.test.ts
      // holds it to the schema).
      return (reply as FastifyReply).type("application/json; charset=utf-8").send(body(encoding));
    },
  );
}
