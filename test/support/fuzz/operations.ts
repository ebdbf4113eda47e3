/**
 * The operations of an OpenAPI document, flattened for the fuzzer: method, path template, the
 * JSON schemas of its path and query parameters and body, and its documented responses.
 */
import type { JsonSchema } from "./arbitrary.js";

export interface Parameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema: JsonSchema;
}

export interface DocumentedResponse {
  content?: Record<string, { schema?: JsonSchema }>;
}

export interface Operation {
  method: string;
  /** As the document has it: `/api/v1/campaigns/{campaignId}`. */
  path: string;
  operationId: string;
  parameters: Parameter[];
  body?: JsonSchema;
  responses: Record<string, DocumentedResponse>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, unknown> };
}

/** The document with every `#/components/schemas/…` reference replaced by the schema itself. */
export function dereferenced(doc: OpenApiDocument): OpenApiDocument {
  const components = doc.components?.schemas ?? {};
  const inline = (value: unknown, depth: number): unknown => {
    if (Array.isArray(value)) return value.map((v) => inline(v, depth));
    if (typeof value !== "object" || value === null) return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
      if (depth > 20) throw new Error(`${ref}: references nest too deep (a cycle?)`);
      const { $ref: _, ...rest } = value as Record<string, unknown>;
      const target = components[ref.slice("#/components/schemas/".length)];
      if (target === undefined) throw new Error(`${ref}: no such component`);
      return { ...(inline(target, depth + 1) as object), ...(inline(rest, depth) as object) };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v, depth)]));
  };
  return { ...doc, paths: inline(doc.paths, 0) as OpenApiDocument["paths"] };
}

const METHODS = ["get", "put", "post", "delete", "patch"];

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method] as
        | {
            operationId: string;
            parameters?: Parameter[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
            responses: Record<string, DocumentedResponse>;
          }
        | undefined;
      if (!op) continue;
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        parameters: op.parameters ?? [],
        ...(op.requestBody
          ? { body: op.requestBody.content["application/json"]?.schema ?? {} }
          : {}),
        responses: op.responses,
      });
    }
  }
  return out;
}
