/**
 * The `--db` URL: `sqlite:PATH` (a file; `sqlite::memory:` for tests) or `postgres://…`.
 * Parsing is pure so the CLI can reject a bad URL with exit status 2 before opening anything.
 */
export type DbTarget =
  | { kind: "sqlite"; path: string }
  | { kind: "postgres"; connectionString: string; schema?: string };

export const DEFAULT_DB_URL = "sqlite:./data/gala.db";

export class DbUrlError extends Error {
  override name = "DbUrlError";
}

export function parseDbUrl(url: string): DbTarget {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (path === "") throw new DbUrlError(`"${url}" names no file: use sqlite:./data/gala.db`);
    return { kind: "sqlite", path };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    // `?schema=NAME` selects a schema (search_path); pg itself does not know the parameter.
    const parsed = new URL(url);
    const schema = parsed.searchParams.get("schema") ?? undefined;
    parsed.searchParams.delete("schema");
    const target: DbTarget = { kind: "postgres", connectionString: parsed.toString() };
    if (schema !== undefined) {
      if (!/^[a-z_][a-z0-9_]*$/.test(schema)) {
        throw new DbUrlError(`schema "${schema}" must be lower-case letters, digits and _`);
      }
      target.schema = schema;
    }
    return target;
  }
  throw new DbUrlError(
    `"${url}" is not a database URL: use sqlite:PATH (e.g. sqlite:./data/gala.db) or postgres://USER@HOST:PORT/DB`,
  );
}
