/**
 * A SQLite database that cannot be opened for writing, said in one paragraph that names the
 * file and the fix (the CLI prints it and exits 2), instead of a driver's stack trace: a
 * directory that cannot hold it (`/proc`, a missing or read-only directory, a file where a
 * directory should be), a read-only file, a file that is not a database.
 */
import { mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

export class StoreOpenError extends Error {
  override name = "StoreOpenError";
}

/** Why a directory could not be made, in words. */
const MKDIR_WHY: Record<string, string> = {
  ENOENT: "the file system there takes no new directories",
  EACCES: "permission denied",
  EPERM: "not permitted",
  EROFS: "the file system is read-only",
  ENOTDIR: "a file stands where a directory should be",
  ENOSPC: "the disk is full",
};

const who = () =>
  typeof process.getuid === "function" ? `this user (uid ${process.getuid()})` : "this user";

/**
 * Creates the directory and its missing parents. Node's own `mkdirSync(…, {recursive: true})`
 * loops for ever where mkdir answers ENOENT for a directory whose parent exists (`/proc/x`):
 * `gala serve --db sqlite:/proc/x/gala.db` hung instead of saying why.
 */
export function ensureDirectory(dir: string): void {
  try {
    if (statSync(dir).isDirectory()) return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    const parent = dirname(dir);
    if (parent !== dir) ensureDirectory(parent);
    mkdirSync(dir);
    return;
  }
  throw Object.assign(new Error(`${dir} is not a directory`), { code: "ENOTDIR", path: dir });
}

/** The paragraph for an error met opening or first writing `path`, or undefined if unrelated. */
export function explainSqliteOpen(path: string, error: unknown): StoreOpenError | undefined {
  const file = resolve(path);
  const dir = dirname(file);
  for (let e = error, hops = 0; e instanceof Error && hops < 3; e = e.cause, hops++) {
    const code = String((e as { code?: unknown }).code ?? "");
    const said = e.message;
    if ((e as { syscall?: string }).syscall === "mkdir" || code === "ENOTDIR") {
      const at = (e as { path?: string }).path ?? dir;
      return new StoreOpenError(
        `cannot create the directory for the SQLite database ${file}: ${at} cannot be made (${MKDIR_WHY[code] ?? code}). Pass --db sqlite:PATH in a directory ${who()} can write, e.g. --db sqlite:./data/gala.db`,
        { cause: error },
      );
    }
    if (code.startsWith("SQLITE_CANTOPEN")) {
      return new StoreOpenError(
        `cannot open or create the SQLite database ${file} (${said}): its directory ${dir} does not let ${who()} create and write files there. Make it writable, or pass --db sqlite:PATH in a writable directory, e.g. --db sqlite:./data/gala.db`,
        { cause: error },
      );
    }
    if (code.startsWith("SQLITE_READONLY")) {
      return new StoreOpenError(
        `the SQLite database ${file} is read-only for ${who()} (${said}): Gala writes to the file and, beside it in ${dir}, to its -wal and -shm files. Make the file and its directory writable by this user (or run as the user owning them), or pass another --db`,
        { cause: error },
      );
    }
    if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
      return new StoreOpenError(
        `${file} is not a usable SQLite database (${said}): pass --db sqlite:PATH naming a Gala database, or a new file to create one`,
        { cause: error },
      );
    }
  }
  return undefined;
}
