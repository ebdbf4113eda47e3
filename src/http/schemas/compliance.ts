/** Shapes of continuous compliance's reads. */
import { z } from "zod";
import { Bilingual, Failure, Id, Instant } from "./common.js";

export const SuspensionsView = z.object({
  items: z.array(
    z.object({
      productId: Id,
      title: z.string().nullable(),
      suspendedAt: Instant,
      failures: z.array(
        Failure.extend({
          subject: z
            .enum(["merchant", "product"])
            .describe("merchant rules are fixed upstream; product rules often by its settings"),
          title: Bilingual.nullable(),
        }),
      ),
    }),
  ),
});
