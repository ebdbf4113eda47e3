/** The venue as the channel reads it. */
import { z } from "zod";
import { Instant } from "./common.js";

export const VenueItem = z
  .object({
    productId: z.string(),
    merchantId: z.string(),
    registrationId: z.string(),
    weight: z.number(),
    registeredAt: Instant,
    listedAt: Instant,
    title: z.string().nullable(),
    category: z.string().nullable(),
    priceFen: z.number().nullable(),
    shippingGuaranteeHours: z.number().nullable(),
  })
  .meta({ id: "VenueItem" });

export const VenuePage = z.object({
  campaignId: z.string(),
  now: Instant,
  running: z.boolean().describe("false outside the activity window: the venue is then empty"),
  items: z.array(VenueItem),
  nextCursor: z.string().nullable(),
});
