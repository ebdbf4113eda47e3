/**
 * Which errors mean "the database cannot take this now" rather than "our code is wrong": a
 * read-only database (a file opened read-only, a PostgreSQL standby or read-only session), a full
 * disk, a database that cannot be reached or read. The HTTP layer answers these 503 with the code
 * (a client may retry; a load balancer should look elsewhere, see /readyz) and logs the cause;
 * anything else stays a 500.
 */
export type StoreFailureCode = "store_read_only" | "store_full" | "store_unavailable";

export interface StoreFailure {
  code: StoreFailureCode;
  /** The database's own words, for the log (never sent to clients: it may name files). */
  cause: string;
  /** The error itself, when there was one. */
  error?: unknown;
}

/** Node's socket errors: the database server is gone or unreachable. */
const NETWORK = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
]);

/** pg's own errors carry no code; these are its words for a lost or unobtainable connection. */
const PG_CONNECTION_WORDS =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed/i;

/** The store failure this error (or an error in its `cause` chain) stands for, if any. */
export function storeFailure(error: unknown): StoreFailure | undefined {
  for (let e = error, hops = 0; e instanceof Error && hops < 5; e = e.cause, hops++) {
    const code = classify(e);
    if (code)
      return { code, cause: `${String((e as { code?: unknown }).code ?? e.name)}: ${e.message}` };
  }
  return undefined;
}

function classify(error: Error): StoreFailureCode | undefined {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string") {
    // better-sqlite3: SQLITE_READONLY, SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, …
    if (code.startsWith("SQLITE_READONLY")) return "store_read_only";
    if (code === "SQLITE_FULL") return "store_full";
    if (/^SQLITE_(IOERR|CANTOPEN|BUSY|LOCKED|PROTOCOL|CORRUPT|NOTADB)/.test(code)) {
      return "store_unavailable";
    }
    // PostgreSQL SQLSTATEs: 25006 read_only_sql_transaction, 53100 disk_full; class 08
    // connection exception, 53 insufficient resources, 57P operator intervention (shutdown,
    // starting up), 58 system error (I/O), XX001/XX002 corrupted data.
    if (code === "25006") return "store_read_only";
    if (code === "53100") return "store_full";
    if (/^(08|53|57P|58)/.test(code) || code === "XX001" || code === "XX002") {
      return "store_unavailable";
    }
    if (NETWORK.has(code)) return "store_unavailable";
  }
  if (PG_CONNECTION_WORDS.test(error.message)) return "store_unavailable";
  return undefined;
}
