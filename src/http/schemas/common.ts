/** Shapes shared by every route: ids, pages, errors, decisions' failures. */
import { z } from "zod";

/** Ids are what the upstream systems use; bounded so an id can never be a payload. */
export const Id = z.string().min(1).max(128);

export const Instant = z.string().describe("ISO-8601 with offset, in the campaign's time zone");

export const Bilingual = z.object({ zh: z.string(), en: z.string() }).meta({ id: "Bilingual" });

export const Failure = z
  .object({
    rule: z.string().describe("rule code (docs/campaign-reading.md)"),
    actual: z.unknown(),
    required: z.string(),
    requiredValue: z.array(z.unknown()).readonly().optional(),
    message: Bilingual,
  })
  .meta({ id: "Failure" });

export const Issue = z
  .object({
    in: z.enum(["body", "querystring", "params", "headers"]),
    path: z.string().describe("where the bad value is, e.g. products[3].priceFen"),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: "Issue" });

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
      issues: z.array(Issue).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "ErrorBody" });

/** The error answers every authenticated route can give. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
} as const;

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(1000).optional(),
});

export const CampaignParams = z.object({ campaignId: Id });
export const MerchantParams = z.object({ merchantId: Id });
export const RegistrationParams = z.object({ registrationId: Id });
