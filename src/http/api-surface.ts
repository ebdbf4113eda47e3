/**
 * What every documented route promises beyond its own schema, applied in one place as routes are
 * added (so the OpenAPI document and the server cannot disagree):
 *
 * - its query string is strict: an unknown parameter is a 400 naming it (a typo such as `?limt=5`
 *   must not silently give the default page);
 * - the error answers any route can give are declared with their shape: 400 (validation, a NUL
 *   character), 401 and 403 on routes behind a role, 413 and 415 on routes that take a body, 503
 *   when the database cannot take the request (read-only, full, unreachable);
 * - a known path asked with a method it does not have answers 405 with `Allow`, not 404.
 */
import type { FastifyInstance, RouteOptions } from "fastify";
import { z } from "zod";
import { ErrorBody } from "./schemas/common.js";

/** Paths of the API proper: the console's pages and the docs are not part of it. */
const API_PATH = /^\/(api\/|healthz$|readyz$)/;

/** Statuses every route of a kind can answer, whatever its handler does. */
function implicitStatuses(route: RouteOptions): number[] {
  const statuses = [400];
  if (route.config?.roles !== undefined) statuses.push(401, 403);
  if (route.schema?.body !== undefined) statuses.push(413, 415);
  // Liveness answers from memory; everything else may touch the database.
  if (route.url !== "/healthz") statuses.push(503);
  return statuses;
}

export interface ApiSurface {
  /** The methods a known API path answers (HEAD with GET), or none for an unknown path. */
  allowedMethods(path: string): string[];
}

export function installApiSurface(app: FastifyInstance): ApiSurface {
  const known: Array<{ pattern: RegExp; methods: Set<string> }> = [];
  app.addHook("onRoute", (route) => {
    if (!API_PATH.test(route.url)) return;
    const pattern = patternOf(route.url);
    let entry = known.find((k) => k.pattern.source === pattern.source);
    if (!entry) {
      entry = { pattern, methods: new Set() };
      known.push(entry);
    }
    for (const m of [route.method].flat()) entry.methods.add(m);
    if (route.schema === undefined || route.schema.hide) return;
    const schema = route.schema;
    const query = schema.querystring;
    if (query === undefined) schema.querystring = z.strictObject({});
    else if (query instanceof z.ZodObject) schema.querystring = query.strict();
    const response = { ...((schema.response as Record<number, unknown> | undefined) ?? {}) };
    for (const status of implicitStatuses(route)) response[status] ??= ErrorBody;
    schema.response = response;
  });
  return {
    allowedMethods(path) {
      const methods = new Set<string>();
      for (const k of known) if (k.pattern.test(path)) for (const m of k.methods) methods.add(m);
      if (methods.has("GET")) methods.add("HEAD");
      return [...methods].sort();
    },
  };
}

/** `/api/v1/campaigns/:campaignId` → a regex matching one segment per parameter. */
function patternOf(url: string): RegExp {
  const escaped = url
    .split("/")
    .map((segment) =>
      segment.startsWith(":") ? "[^/]+" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("/");
  return new RegExp(`^${escaped}$`);
}
