/**
 * The HTTP server: Fastify with zod schemas (validation and the OpenAPI document from one
 * source), bearer-token roles, one error shape, structured logs with request ids.
 */
import { randomUUID } from "node:crypto";
import fastifyCompress from "@fastify/compress";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import { serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { CampaignCatalog } from "../app/campaigns/catalog.js";
import type { Clock } from "../app/clock.js";
import type { AppContext } from "../app/context.js";
import type { Store } from "../store/index.js";
import { installApiSurface } from "./api-surface.js";
import { installAuth } from "./auth.js";
import { installConsole } from "./console.js";
import { errorBody, installErrorHandling } from "./errors.js";
import { installJsonBodyParser } from "./json-body.js";
import { installNulGuard } from "./nul-guard.js";
import { installDocsUi, installOpenApi } from "./openapi.js";
import { StoreReadiness } from "./readiness.js";
import { campaignRoutes } from "./routes/campaigns.js";
import { complianceRoutes } from "./routes/compliance.js";
import { consoleRoutes } from "./routes/console.js";
import { consoleOrderRoutes } from "./routes/console-orders.js";
import { disputeRoutes } from "./routes/disputes.js";
import { eventRoutes } from "./routes/events.js";
import { exportRoutes } from "./routes/exports.js";
import { factRoutes } from "./routes/facts.js";
import { fulfilmentRoutes } from "./routes/fulfilment.js";
import { fulfilmentSeriesRoutes } from "./routes/fulfilment-series.js";
import { healthRoutes } from "./routes/health.js";
import { heldClaimRoutes } from "./routes/held-claims.js";
import { inboxRoutes } from "./routes/inbox.js";
import { ledgerRoutes } from "./routes/ledger.js";
import { registrationRoutes } from "./routes/registrations.js";
import { reviewRoutes } from "./routes/review.js";
import { userRoutes } from "./routes/users.js";
import { venueRoutes } from "./routes/venue.js";
import { webhookRoutes } from "./routes/webhooks.js";
import { installApiHeaders, withPageHeaders } from "./security-headers.js";
import { sessionRoutes } from "./session.js";
import type { App } from "./types.js";
import { zodValidatorCompiler } from "./validation.js";

export interface ServerDeps {
  store: Store;
  clock: Clock;
  campaigns: CampaignCatalog;
  /** A pino logger; omitted = silent (tests). */
  logger?: Logger;
  /** Bulk calls carry thousands of facts: allow large bodies. */
  bodyLimitBytes?: number;
  /**
   * Check every answer against its response schema (default: yes). Tests keep it on, so the
   * OpenAPI document is proven to describe what the server sends; `gala serve` turns it off,
   * because re-walking a 10,000-item answer costs as much as judging a tenth of it.
   */
  validateResponses?: boolean;
  /** Reverse proxies trusted to name the client (`--trust-proxy`, see trust-proxy.ts). */
  trustProxy?: string;
  /** Events dated later than the clock plus this are refused (`--max-event-lead`). */
  maxEventLeadMs?: number;
  /** `--lateness`: overrides every campaign's `policy.lateness` (ms). */
  lateness?: number;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,100}$/;

export async function buildServer(deps: ServerDeps): Promise<App> {
  const base = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    bodyLimit: deps.bodyLimitBytes ?? 64 * 1024 * 1024,
    // Path parameters past Fastify's 100 characters would fall through to "no route"; ids this
    // long get their own not-found answer from the route instead.
    routerOptions: { maxParamLength: 1_000 },
    // Errors before routing (a malformed percent-escape in the path) leave in our shape too.
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply)
        .code(400)
        .send(errorBody("bad_url", `${error.message}: percent-encode the path`)),
    ...(deps.trustProxy === undefined ? {} : { trustProxy: deps.trustProxy }),
    // A caller's X-Request-Id (if sane) threads through our logs; otherwise we make one.
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
  }) as unknown as FastifyInstance;
  const app: App = base.withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(
    deps.validateResponses === false ? () => (data) => JSON.stringify(data) : serializerCompiler,
  );
  // The request id and the API's headers, on arrival: a callback hook, not an async one, so no
  // request pays for a promise here.
  installApiHeaders(base);
  const readiness = new StoreReadiness(deps.store, base.log);
  const surface = installApiSurface(base);
  installErrorHandling(app, readiness, surface);
  // Brotli or gzip for whatever the client accepts, above 1 KiB: the API's JSON pages and
  // index.html. The console's hashed assets are compressed once at build time and served as
  // such (`preCompressed` in console.ts), so no request pays brotli's top quality.
  await app.register(fastifyCompress, { encodings: ["br", "gzip"], threshold: 1024 });
  // Before any route is added: each route gets its gate as it is added (auth.ts).
  const auth = installAuth(app, deps.store.db, surface);
  installJsonBodyParser(base);
  installNulGuard(base);
  await installOpenApi(app);

  const ctx: AppContext = {
    store: deps.store,
    clock: deps.clock,
    campaigns: deps.campaigns,
    ...(deps.lateness === undefined ? {} : { lateness: deps.lateness }),
  };
  healthRoutes(app, readiness);
  campaignRoutes(app, ctx);
  factRoutes(app, ctx);
  registrationRoutes(app, ctx);
  reviewRoutes(app, ctx);
  venueRoutes(app, ctx);
  eventRoutes(app, ctx, deps.maxEventLeadMs);
  fulfilmentRoutes(app, ctx);
  fulfilmentSeriesRoutes(app, ctx);
  heldClaimRoutes(app, ctx);
  exportRoutes(app, ctx);
  ledgerRoutes(app, ctx);
  inboxRoutes(app, ctx);
  webhookRoutes(app, ctx);
  disputeRoutes(app, ctx);
  complianceRoutes(app, ctx);
  sessionRoutes(app, deps.store.db);
  userRoutes(app, ctx);
  consoleRoutes(app, ctx);
  consoleOrderRoutes(app, ctx);
  await withPageHeaders(
    base,
    async (pages) => {
      await installDocsUi(pages);
      await installConsole(pages);
    },
    auth.guardPages,
  );
  await app.ready();
  return app;
}
