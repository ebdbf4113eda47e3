/** Real `./bin/gala serve` processes for end-to-end tests (built by `npm run build`). */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { join } from "node:path";

export const root = new URL("../../", import.meta.url).pathname;
export const gala = join(root, "bin/gala");

export interface Served {
  child: ChildProcess;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Opening a PostgreSQL store migrates it, and the migrator looks at every schema: another test
 * file dropping its schema at that moment makes the open fail ("schema … does not exist").
 * That race is the test harness's, not the product's: try again.
 */
const SCHEMA_RACE = /schema "[^"]+" does not exist/;

export function galaToken(db: string, role: string): string {
  for (let attempt = 1; ; attempt++) {
    const r = spawnSync(gala, ["token", "create", "--db", db, "--role", role], {
      cwd: root,
      encoding: "utf8",
    });
    if (r.status === 0) return r.stdout.trim();
    if (attempt >= 5 || !SCHEMA_RACE.test(r.stderr)) {
      throw new Error(`token create failed: ${r.stderr}`);
    }
  }
}

/** Starts `gala serve --port 0 …` and resolves once it prints its banner. */
export async function startServe(
  args: string[],
  env: Record<string, string> = {},
): Promise<Served> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServeOnce(args, env);
    } catch (error) {
      if (attempt >= 5 || !SCHEMA_RACE.test(String(error))) throw error;
    }
  }
}

function startServeOnce(args: string[], env: Record<string, string>): Promise<Served> {
  const child = spawn(gala, ["serve", "--port", "0", "--log-level", "warn", ...args], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let err = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner after 30 s: ${err}`)), 30_000);
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      const match = /serving at (http:\/\/\S+)/.exec(err);
      if (match) {
        clearTimeout(timer);
        child.stderr!.removeAllListeners("data");
        child.stderr!.resume();
        const url = match[1]!;
        resolve({
          child,
          url,
          stop: (signal = "SIGTERM") =>
            new Promise((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              child.once("exit", () => done());
              child.kill(signal);
            }),
        });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited ${code}: ${err}`));
    });
  });
}

// biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
export async function postJson(url: string, token: string, body: unknown): Promise<any> {
  const res = await fetch(url, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

// biome-ignore lint/suspicious/noExplicitAny: test answers are read loosely
export async function getJson(url: string, token: string): Promise<any> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
