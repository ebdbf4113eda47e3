/** Shapes of the channel's event endpoint (docs/interfaces.md, "HTTP"). */
import { z } from "zod";

export const EventBatch = z
  .array(z.unknown())
  .max(10_000)
  .describe(
    "Channel events in time order (docs/interfaces.md, Events), each with an optional unique `id`. Each event is checked on its own: a bad one gets an entry in `errors`, the rest still apply.",
  );

export const DecisionView = z
  .record(z.string(), z.unknown())
  .describe("A decision as `gala replay` prints it: type, at, fields, campaign hash")
  .meta({ id: "DecisionView" });

export const EventError = z.object({
  index: z.number().int().describe("position in the batch, from 0"),
  id: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});

export const IngestAnswer = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  errors: z.array(EventError),
  decisions: z.array(DecisionView),
});
