import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

/** A connection or an open transaction: repositories accept either. */
export type Db = Kysely<Database>;
