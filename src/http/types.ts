/** What routes declare about who may call them, and what the auth hook attaches. */

import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Actor, Role } from "../app/actor.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Roles allowed on the route; absent = public (health, OpenAPI). */
    roles?: readonly Role[];
    /** For the merchant role: the path parameter that must equal the token's merchant. */
    merchantParam?: string;
  }
  interface FastifyRequest {
    actor?: Actor;
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
