/**
 * JSON request bodies: Fastify's own parser (prototype-poisoning keys refused), after a check of
 * how deep the text nests (`domain/json/depth.ts`). A body nested past the limit is a 400 that
 * says so; without the check it parsed, then overflowed the stack wherever it was walked again
 * (storing an event's body, answering), and the client got a 500.
 */
import type { FastifyInstance } from "fastify";
import { nestsDeeperThan, tooDeepMessage } from "../domain/json/depth.js";
import { markEscapedNul } from "./nul-guard.js";

export const JSON_TOO_DEEP = "GALA_JSON_TOO_DEEP";

export function installJsonBodyParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (nestsDeeperThan(body as string)) {
      const error = Object.assign(new Error(tooDeepMessage()), {
        statusCode: 400,
        code: JSON_TOO_DEEP,
      });
      done(error, undefined);
      return;
    }
    markEscapedNul(request, body as string);
    parse(request, body as string, done);
  });
}
