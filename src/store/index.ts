/** The store's door: open a database by URL and reach its repositories. */
export { lockKey } from "./lock.js";
export { MigrationError, openStore, openTarget, type Store } from "./open.js";
export { StoreOpenError } from "./open-error.js";
export * as audit from "./repos/audit.js";
export * as campaigns from "./repos/campaigns.js";
export * as facts from "./repos/facts.js";
export * as listings from "./repos/listings.js";
export * as registrationQueries from "./repos/registration-queries.js";
export * as registrations from "./repos/registrations.js";
export * as tokens from "./repos/tokens.js";
export type { Db } from "./types.js";
export { DbUrlError, DEFAULT_DB_URL, parseDbUrl } from "./url.js";
