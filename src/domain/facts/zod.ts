/**
 * The fact table (./fields.ts) as zod schemas, for the HTTP API: real zod types (so the OpenAPI
 * document says what is accepted), each refusing with the words the engine uses, "must be a
 * number from 0 to 1". Every fact is optional and nullable (null: unknown, or what `nullMeans`
 * says); unknown extra fields are kept for campaigns that read them.
 */
import { z } from "zod";
import { type FactField, type FactType, REGION_MAX_CHARS } from "./fields.js";
import { expectation } from "./validate.js";

export const Region = z
  .string()
  .min(1)
  .max(REGION_MAX_CHARS)
  .describe("ISO 3166-2, e.g. CN-ZJ; anything not CN-… is overseas");

/** One field's schema, not yet optional or nullable. */
export function factSchema(field: FactField): z.ZodType {
  const error = `must be ${expectation(field).en}`;
  const types = field.types.map((t) => typeSchema(t, error));
  if (types.length === 1) return types[0]!;
  return z.union(types as [z.ZodType, z.ZodType, ...z.ZodType[]], { error });
}

function typeSchema(type: FactType, error: string): z.ZodType {
  switch (type.kind) {
    case "number": {
      let schema = type.integer ? z.int({ error }) : z.number({ error });
      if (type.min !== undefined) schema = schema.min(type.min, { error });
      if (type.max !== undefined) schema = schema.max(type.max, { error });
      return schema;
    }
    case "boolean":
      return z.boolean({ error });
    case "enum": {
      const values = type.values;
      if (values.every((v): v is string => typeof v === "string")) {
        return z.enum(values as [string, ...string[]], { error });
      }
      const literals = values.map((v) => z.literal(v));
      return literals.length === 1
        ? literals[0]!
        : z.union(literals as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]], { error });
    }
    case "text":
      return z.string({ error }).max(type.maxLength, { error });
    case "regions":
      return z.array(Region, { error }).max(type.maxItems, { error });
  }
}

/** Every field of a table as optional, nullable zod properties, for `z.object({...})`. */
export function factProperties(
  table: Readonly<Record<string, FactField>>,
): Record<string, z.ZodOptional<z.ZodNullable<z.ZodType>>> {
  const shape: Record<string, z.ZodOptional<z.ZodNullable<z.ZodType>>> = {};
  for (const [name, field] of Object.entries(table)) {
    shape[name] = factSchema(field).nullable().optional();
  }
  return shape;
}
