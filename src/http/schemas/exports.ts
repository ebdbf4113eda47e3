/** Shapes of the CSV exports. */
import { z } from "zod";
import { EXPORT_NAMES } from "../../app/exports/exporters.js";
import { Bilingual, Id } from "./common.js";

const files = EXPORT_NAMES.map((n) => `${n}.csv`) as [string, ...string[]];

export const ExportFileParams = z.object({
  campaignId: Id,
  file: z.enum(files).describe("which export, e.g. orders.csv"),
});

export const MerchantExportFileParams = ExportFileParams.extend({ merchantId: Id });

export const ExportQuery = z.object({
  lang: z
    .enum(["zh", "en"])
    .default("en")
    .describe("header line: en = machine keys (order_id, amount_fen, …), zh = Chinese headers"),
});

export const ExportList = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      label: Bilingual,
      path: z.string().describe("the URL path to GET (add ?lang=zh for Chinese headers)"),
    }),
  ),
});

export const CsvFile = z
  .string()
  .describe(
    "text/csv; UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting; text starting with = + - @ is prefixed with '",
  );
