/** Campaign views and the operator's upload. */
import { z } from "zod";
import { Bilingual, Instant } from "./common.js";

export const WindowView = z.object({
  start: Instant,
  end: Instant.describe("the last whole second inside the window"),
  declared: z.object({ start: z.string(), end: z.string(), timeZone: z.string() }),
});

export const CampaignView = z
  .object({
    id: z.string(),
    hash: z.string().describe("content hash: the version id"),
    name: Bilingual,
    timeZone: z.string(),
    windows: z.object({ registration: WindowView, activity: WindowView }),
    categories: z.array(
      z.object({
        id: z.string().describe("1688's name for the category: what facts should carry"),
        en: z.string(),
        aliases: z
          .array(z.string())
          .describe("other spellings that match as this category does (the source's printed ones)"),
      }),
    ),
    reviewSlaHours: z.number(),
    appeals: z
      .object({ windowDays: z.number(), slaHours: z.number() })
      .describe("how long after a violation it may be appealed, and the decision's SLA"),
    now: Instant,
    registrationOpen: z.boolean(),
    running: z.boolean(),
  })
  .meta({ id: "CampaignView" });

export const CampaignList = z.object({ items: z.array(CampaignView) });

export const CampaignUpload = z.object({
  source: z.string().min(1).max(1_000_000).describe("the campaign file's YAML text"),
  sourceName: z.string().min(1).max(200).default("upload.yaml"),
  comment: z
    .string()
    .max(1000)
    .optional()
    .describe("why this version is published: kept in the audit log and the history"),
});

export const CampaignUploadResponse = z.object({ created: z.boolean(), campaign: CampaignView });

export const CampaignVersions = z.object({
  items: z.array(
    z.object({
      hash: z.string(),
      sourceName: z.string(),
      loadedAt: Instant,
      loadedBy: z.string(),
      current: z.boolean(),
    }),
  ),
});
