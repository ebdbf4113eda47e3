/** `npm run api-types`: writes the console's API types from the current OpenAPI document. */
import { writeFileSync } from "node:fs";
import { openApiDocument } from "./document.js";
import { API_TYPES_FILE, generateApiTypes } from "./generate.js";

writeFileSync(API_TYPES_FILE, await generateApiTypes(await openApiDocument()));
console.log(`wrote ${API_TYPES_FILE}`);
