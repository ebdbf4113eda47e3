/**
 * JSON request bodies: Fastify's own parser (prototype-poisoning keys refused), with what it lets
 * through refused first, each a 400 that says where:
 * - bytes that are not UTF-8 (`invalid_utf8`, naming the first bad byte): decoding would replace
 *   them with U+FFFD and the replacement would be stored as if the client had sent it;
 * - nesting past 64 levels (`json_too_deep`): it parsed, then overflowed the stack wherever it
 *   was walked again (storing an event's body, answering), and the client got a 500;
 * - a key twice in one object (an `invalid_request` issue `duplicate_key` at its path): the
 *   parser keeps the last one, so `{"amountFen": -5, "amountFen": 100}` passed as 100.
 * Depth and duplicates come from one pass over the text (domain/json/body-scan.ts), the same pass
 * the depth check made alone; UTF-8 is checked on the bytes natively.
 */
import { isUtf8 } from "node:buffer";
import type { FastifyInstance } from "fastify";
import { formatPath } from "../domain/campaign/problems.js";
import { scanJsonBody } from "../domain/json/body-scan.js";
import { tooDeepMessage } from "../domain/json/depth.js";
import { firstInvalidUtf8, lineAndColumn } from "../domain/json/utf8.js";
import { markEscapedNul } from "./nul-guard.js";
import { RequestValidationError } from "./validation.js";

export const JSON_TOO_DEEP = "GALA_JSON_TOO_DEEP";
export const INVALID_UTF8 = "GALA_INVALID_UTF8";

const clientError = (code: string, message: string) =>
  Object.assign(new Error(message), { statusCode: 400, code });

export function installJsonBodyParser(app: FastifyInstance): void {
  // Every body is JSON. Fastify's text/plain parser handed the schema a string, so a JSON body
  // sent as text/plain (fetch's default for a string) was refused as "expected array, received
  // string"; now it is a 415 saying which Content-Type to send, as for any other type.
  app.removeContentTypeParser("text/plain");
  const parse = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    const bytes = body as Buffer;
    if (!isUtf8(bytes)) {
      done(clientError(INVALID_UTF8, invalidUtf8Message(bytes)), undefined);
      return;
    }
    const text = bytes.toString("utf8");
    const finding = scanJsonBody(text);
    if (finding?.kind === "too_deep") {
      done(clientError(JSON_TOO_DEEP, tooDeepMessage()), undefined);
      return;
    }
    markEscapedNul(request, text);
    if (finding === undefined) {
      parse(request, text, done);
      return;
    }
    // Not JSON at all is the first thing to say; only valid JSON gets the duplicate named.
    parse(request, text, (error) => {
      if (error) return done(error, undefined);
      const path = formatPath(finding.path);
      done(
        new RequestValidationError([
          {
            in: "body",
            path,
            code: "duplicate_key",
            message: `"${finding.key}" is given twice in one object, and only one value can count: send it once`,
          },
        ]),
        undefined,
      );
    });
  });
}

function invalidUtf8Message(bytes: Buffer): string {
  const at = firstInvalidUtf8(bytes);
  const { line, column } = lineAndColumn(bytes, at);
  const hex = bytes[at]!.toString(16).toUpperCase().padStart(2, "0");
  return `the body is not UTF-8: byte ${at} (line ${line}, column ${column}), 0x${hex}, does not start a valid UTF-8 sequence; send the JSON encoded as UTF-8`;
}
