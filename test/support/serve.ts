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

export function galaToken(db: string, role: string): string {
  const r = spawnSync(gala, ["token", "create", "--db", db, "--role", role], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`token create failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Starts `gala serve --port 0 …` and resolves once it answers /healthz. */
export function startServe(args: string[]): Promise<Served> {
  const child = spawn(gala, ["serve", "--port", "0", "--log-level", "warn", ...args], {
    cwd: root,
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
