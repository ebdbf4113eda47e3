/**
 * Every error leaves in one shape, `{error: {code, message, details?, issues?}}`. Anything a
 * client sent wrong is a 4xx; a database that cannot take the request (read-only, full,
 * unreachable) a 503 with its code; only a fault of ours is a 500. 5xx are logged with the cause
 * and the request id.
 */
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { AppFailure, FailureKind } from "../app/result.js";
import { storeFailure } from "../store/failure.js";
import type { ApiSurface } from "./api-surface.js";
import { INVALID_UTF8, JSON_TOO_DEEP } from "./json-body.js";
import { STORE_FAILURE_MESSAGES, type StoreReadiness } from "./readiness.js";
import { RequestValidationError } from "./validation.js";

const STATUS: Readonly<Record<FailureKind, 400 | 403 | 404 | 409 | 422>> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
};

export function sendFailure(reply: FastifyReply, failure: AppFailure) {
  return reply.code(STATUS[failure.kind]).send({
    error: {
      code: failure.code,
      message: failure.message,
      ...(failure.details ? { details: failure.details } : {}),
    },
  });
}

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** Seconds a client should wait before retrying a request the store could not take. */
const STORE_RETRY_AFTER_S = 5;

export function installErrorHandling(
  app: FastifyInstance,
  readiness?: StoreReadiness,
  surface?: ApiSurface,
): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof RequestValidationError) {
      return reply.code(400).send({
        error: { code: error.code, message: error.message, issues: error.issues },
      });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: bad JSON, empty body, too large, unsupported media type.
      return reply.code(status).send(errorBody(clientCode(error), clientMessage(error)));
    }
    // The database refused (read-only, full, unreachable): 503 with what it was, the cause in the log.
    const store = storeFailure(error);
    if (store) {
      request.log.error({ err: error, store }, "request failed: the store cannot take it");
      readiness?.failed(store);
      return reply
        .code(503)
        .header("retry-after", String(STORE_RETRY_AFTER_S))
        .send({
          error: {
            code: store.code,
            message: STORE_FAILURE_MESSAGES[store.code],
            requestId: String(request.id),
          },
        });
    }
    request.log.error({ err: error }, "request failed");
    return reply.code(500).send({
      error: { code: "internal", message: "internal error", requestId: String(request.id) },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    // A known path asked with another method: say which methods it has (RFC 9110, 405).
    const allowed = surface?.allowedMethods(decodedPath(request.url)) ?? [];
    if (allowed.length > 0 && !allowed.includes(request.method)) {
      return reply
        .code(405)
        .header("allow", allowed.join(", "))
        .send(
          errorBody(
            "method_not_allowed",
            `${request.method} is not a method of this path: use ${allowed.join(", ")}`,
          ),
        );
    }
    return reply
      .code(404)
      .send(errorBody("route_not_found", `no route ${request.method} ${request.url}`));
  });
}

/**
 * Fastify's message, with what it leaves out: its JSON parser also refuses valid JSON holding a
 * `__proto__` or `constructor.prototype` key (prototype poisoning) under the same words.
 */
function clientMessage(error: FastifyError): string {
  if (error.code === "FST_ERR_CTP_INVALID_JSON_BODY") {
    return `${error.message}, or it holds a "__proto__" or "constructor": {"prototype": …} key, which is refused for safety: send plain JSON data`;
  }
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return `${error.message}: send the body as JSON, with Content-Type: application/json`;
  }
  return error.message;
}

function clientCode(error: FastifyError): string {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return "invalid_json";
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return "body_too_large";
    case JSON_TOO_DEEP:
      return "json_too_deep";
    case INVALID_UTF8:
      return "invalid_utf8";
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return "unsupported_media_type";
    default:
      return "bad_request";
  }
}

/** The URL's path with its percent-escapes decoded (as the router reads it), or as is if invalid. */
export function decodedPath(url: string): string {
  const query = url.indexOf("?");
  const raw = query === -1 ? url : url.slice(0, query);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
