/** Shapes of the merchant's inbox. */
import { z } from "zod";
import { Bilingual, Id, Instant } from "./common.js";

export const InboxParams = z.object({ campaignId: Id, merchantId: Id });

export const InboxQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
});

export const Subject = z
  .object({
    type: z.enum(["order", "product", "registration", "merchant"]),
    id: z.string(),
  })
  .describe("what the notification is about");

export const NotificationView = z
  .object({
    id: z.string().describe("d:SEQ (a decision) or r:SEQ (a review outcome): what mark-read takes"),
    type: z
      .string()
      .describe(
        "the decision's type (violation.recorded, claim.paid, …), review.approved / review.rejected, or appeal.upheld / appeal.dismissed",
      ),
    at: Instant.describe("when it takes effect"),
    notifiedAt: Instant.describe("when it was decided: the inbox's order, newest first"),
    read: z.boolean(),
    title: Bilingual,
    detail: Bilingual.nullable(),
    subject: Subject,
    href: z.string().describe("the console page about it (a hash route)"),
    decisionId: z.string().nullable().describe("the decision's stable id, for a decision"),
    decision: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "NotificationView" });

export const InboxPage = z.object({
  items: z.array(NotificationView),
  unread: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const UnreadView = z.object({ unread: z.number().int() });

export const MarkReadBody = z.union(
  [
    z.object({
      ids: z
        .array(z.string().max(40))
        .min(1)
        .max(500)
        .describe("notification ids as listed (d:SEQ, r:SEQ)"),
    }),
    z.object({ all: z.literal(true).describe("everything in the inbox now") }),
  ],
  {
    error:
      'send {"ids": ["d:SEQ", …]} (up to 500 notification ids as the inbox lists them) or {"all": true} (everything in the inbox now)',
  },
);
