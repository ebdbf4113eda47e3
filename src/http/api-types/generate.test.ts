/**
 * The console's API types are what the current OpenAPI document generates: a route whose schema
 * changed without `npm run api-types` fails here, so the console cannot drift from the server.
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { openApiDocument } from "./document.js";
import { API_TYPES_FILE, generateApiTypes } from "./generate.js";

it("the committed web/src/lib/api.generated.ts is what the document generates", async () => {
  const expected = await generateApiTypes(await openApiDocument());
  const committed = readFileSync(API_TYPES_FILE, "utf8");
  // A diff of the two names the changed types; the fix is one command.
  expect(committed, "run `npm run api-types` and commit the result").toBe(expected);
}, 60_000);
