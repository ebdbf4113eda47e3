/**
 * fast-check arbitraries from the JSON schemas of the OpenAPI document (what zod's JSON Schema
 * output uses: type, enum, const, anyOf/oneOf, properties/required, items, bounds, pattern).
 * `valid` values satisfy the schema; `mutated` ones mostly do, with a wrong value, an unknown key
 * or a missing required one here and there, so the server's refusals are exercised too.
 */
import fc from "fast-check";

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

/** Kept small: the point is shapes and edges, not volume (a 10,000-item batch has its own test). */
const MAX_ITEMS = 4;
const MAX_STRING = 24;
const MAX_DEPTH = 6;

/** Values no schema expects: wrong types, edge strings, NUL, huge and negative numbers. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, -1, 0, 2 ** 53, -0.5, "", " ", "\u0000", "é", "🙂", "[]", "{}"),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

export function valid(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return build(schema, depth, false);
}

export function mutated(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return build(schema, depth, true);
}

function build(schema: JsonSchema, depth: number, mutate: boolean): fc.Arbitrary<unknown> {
  const arb = exact(schema, depth, mutate);
  return mutate
    ? fc.oneof({ weight: 12, arbitrary: arb }, { weight: 1, arbitrary: oddValue })
    : arb;
}

function exact(schema: JsonSchema, depth: number, mutate: boolean): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices && choices.length > 0)
    return fc.oneof(...choices.map((c) => build(c, depth, mutate)));
  if (schema.allOf && schema.allOf.length > 0) return build(schema.allOf[0]!, depth, mutate);
  const types = schema.type === undefined ? [] : [schema.type].flat();
  if (types.length > 1) {
    return fc.oneof(...types.map((t) => build({ ...schema, type: t }, depth, mutate)));
  }
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return integer(schema);
    case "number":
      return number(schema);
    case "string":
      return string(schema);
    case "array":
      return array(schema, depth, mutate);
    case "object":
      return object(schema, depth, mutate);
    default:
      return depth >= MAX_DEPTH ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

function integer(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum ?? -1_000_001) + 1;
  const max = schema.maximum ?? (schema.exclusiveMaximum ?? 1_000_001) - 1;
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  return fc.oneof(fc.integer({ min: lo, max: hi }), fc.constantFrom(lo, hi));
}

function number(schema: JsonSchema): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum ?? -1e6;
  const max = schema.maximum ?? schema.exclusiveMaximum ?? 1e6;
  return fc
    .double({ min, max, noNaN: true, noDefaultInfinity: true })
    .filter(
      (n) =>
        (schema.exclusiveMinimum === undefined || n > schema.exclusiveMinimum) &&
        (schema.exclusiveMaximum === undefined || n < schema.exclusiveMaximum),
    );
}

function string(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING));
  const fits = (s: string) =>
    [...s].length >= minLength && (schema.maxLength === undefined || s.length <= schema.maxLength);
  if (schema.format === "date-time") {
    return fc
      .date({ min: new Date("2023-01-01T00:00:00Z"), max: new Date("2025-01-01T00:00:00Z") })
      .map((d) => (Number.isNaN(d.getTime()) ? "2024-02-10T10:00:00.000Z" : d.toISOString()));
  }
  if (schema.pattern !== undefined) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  }
  return fc.string({ minLength, maxLength, unit: "grapheme" }).filter(fits);
}

function array(schema: JsonSchema, depth: number, mutate: boolean): fc.Arbitrary<unknown[]> {
  if (depth >= MAX_DEPTH) return fc.constant([]);
  if (schema.prefixItems) {
    return fc.tuple(...schema.prefixItems.map((s) => build(s, depth + 1, mutate)));
  }
  const minLength = schema.minItems ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
  return fc.array(build(schema.items ?? {}, depth + 1, mutate), { minLength, maxLength });
}

function object(
  schema: JsonSchema,
  depth: number,
  mutate: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const known = fc.record(
    Object.fromEntries(
      Object.entries(props).map(([k, s]) => [k, build(s, depth + 1, mutate)] as const),
    ),
    { requiredKeys: [...required].filter((k) => k in props) },
  );
  if (!mutate) return known;
  // Now and then: an unknown key, or a required one left out.
  return fc.tuple(known, fc.nat(19), oddValue).map(([record, dice, odd]) => {
    const out: Record<string, unknown> = { ...record };
    if (dice === 0) out.unexpectedField = odd;
    if (dice === 1 && required.size > 0) delete out[[...required][0]!];
    return out;
  });
}
