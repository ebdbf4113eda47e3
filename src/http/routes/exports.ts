/**
 * CSV exports: the whole campaign for operators (`/campaigns/{c}/exports/{file}`), a merchant's
 * own data for the merchant and operators (`/campaigns/{c}/merchants/{m}/exports/{file}`).
 * Streamed page by page from the database (`app/exports/csv-stream.ts`).
 */
import { Readable } from "node:stream";
import type { FastifyReply } from "fastify";
import type { AppContext } from "../../app/context.js";
import { csvChunks } from "../../app/exports/csv-stream.js";
import type { AnyExporter, ExportScope } from "../../app/exports/exporter.js";
import { EXPORTERS, exporterNamed } from "../../app/exports/exporters.js";
import { errorBody } from "../errors.js";
import { formatterFor } from "../present.js";
import { CampaignParams, errorResponses, Id } from "../schemas/common.js";
import {
  CsvFile,
  ExportFileParams,
  ExportList,
  ExportQuery,
  MerchantExportFileParams,
} from "../schemas/exports.js";
import type { App } from "../types.js";

const tags = ["exports"];
type RouteAccess = { roles: readonly ("merchant" | "operator")[]; merchantParam?: string };
const OWN: RouteAccess = { roles: ["merchant", "operator"], merchantParam: "merchantId" };
const OPERATOR: RouteAccess = { roles: ["operator"] };

async function availableExporters(ctx: AppContext): Promise<AnyExporter[]> {
  const out: AnyExporter[] = [];
  for (const e of EXPORTERS) if (!e.available || (await e.available(ctx.store.db))) out.push(e);
  return out;
}

export function exportRoutes(app: App, ctx: AppContext): void {
  const list = (path: string, config: RouteAccess, merchant: boolean) =>
    app.get(
      path,
      {
        config,
        schema: {
          tags,
          summary: merchant
            ? "The CSV exports of a merchant's own data in the campaign"
            : "The CSV exports of the whole campaign",
          params: merchant ? CampaignParams.extend({ merchantId: Id }) : CampaignParams,
          response: { 200: ExportList, ...errorResponses },
        },
      },
      async (request, reply) => {
        const p = request.params as { campaignId: string; merchantId?: string };
        if (!(await ctx.campaigns.current(p.campaignId))) {
          return reply
            .code(404)
            .send(errorBody("campaign_not_found", `no campaign ${p.campaignId}`));
        }
        const base = `/api/v1/campaigns/${encodeURIComponent(p.campaignId)}${
          p.merchantId === undefined ? "" : `/merchants/${encodeURIComponent(p.merchantId)}`
        }/exports`;
        return {
          items: (await availableExporters(ctx)).map((e) => ({
            name: e.name,
            label: e.label,
            path: `${base}/${e.name}.csv`,
          })),
        };
      },
    );
  list("/api/v1/campaigns/:campaignId/exports", OPERATOR, false);
  list("/api/v1/campaigns/:campaignId/merchants/:merchantId/exports", OWN, true);

  const file = (path: string, config: RouteAccess, merchant: boolean) =>
    app.get(
      path,
      {
        config,
        schema: {
          tags,
          summary: merchant
            ? "One CSV export of a merchant's own data, streamed"
            : "One CSV export of the whole campaign, streamed",
          params: merchant ? MerchantExportFileParams : ExportFileParams,
          querystring: ExportQuery,
          // The file is CSV; refusals are JSON like every other error (not `produces`, which
          // would say every answer is CSV).
          response: {
            200: { description: "The CSV file", content: { "text/csv": { schema: CsvFile } } },
            ...errorResponses,
          },
        },
      },
      async (request, reply) => {
        const p = request.params as { campaignId: string; merchantId?: string; file: string };
        const scope: ExportScope = {
          campaignId: p.campaignId,
          ...(p.merchantId === undefined ? {} : { merchantId: p.merchantId }),
        };
        return sendExport(ctx, reply, p.file.replace(/\.csv$/, ""), scope, request.query.lang);
      },
    );
  file("/api/v1/campaigns/:campaignId/exports/:file", OPERATOR, false);
  file("/api/v1/campaigns/:campaignId/merchants/:merchantId/exports/:file", OWN, true);
}

async function sendExport(
  ctx: AppContext,
  reply: FastifyReply,
  name: string,
  scope: ExportScope,
  lang: "zh" | "en",
) {
  const loaded = await ctx.campaigns.current(scope.campaignId);
  if (!loaded) {
    return reply.code(404).send(errorBody("campaign_not_found", `no campaign ${scope.campaignId}`));
  }
  const exporter = exporterNamed(name);
  if (!exporter || (exporter.available && !(await exporter.available(ctx.store.db)))) {
    return reply
      .code(404)
      .send(errorBody("export_not_available", `this server has no ${name} export`));
  }
  const fileName = [scope.campaignId, scope.merchantId, name].filter(Boolean).join("-");
  const stream = Readable.from(
    csvChunks(ctx.store.db, exporter, scope, {
      lang,
      iso: formatterFor(loaded.campaign.timeZone),
    }),
    { objectMode: false },
  );
  stream.on("error", (error) => reply.log.error({ err: error }, "export failed mid-stream"));
  return reply
    .header("content-type", "text/csv; charset=utf-8")
    .header(
      "content-disposition",
      `attachment; filename="${asciiName(fileName)}.csv"; filename*=UTF-8''${encodeURIComponent(fileName)}.csv`,
    )
    .header("cache-control", "no-store")
    .send(stream);
}

/** A file name any browser takes in the plain `filename`: non-ASCII and quotes as `_`. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, "_");
}
