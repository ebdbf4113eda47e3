/**
 * A `gala serve --demo` of its own, on a fresh SQLite file with the clock standing still (so every
 * picture and measurement sees the same instant), for `npm run screenshots` and the console's
 * timings. Resolves once the server prints its banner.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository: from `bench/console` (tests) or `dist/bench/console` (the built script). */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "bin/gala"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find bin/gala above this file");
    dir = up;
  }
  return dir;
}
const root = repositoryRoot();

export interface DemoServer {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startDemoServer(extra: string[] = []): Promise<DemoServer> {
  const dir = mkdtempSync(join(tmpdir(), "gala-demo-"));
  const args = [
    "serve",
    "--demo",
    "--clock-speed",
    "0",
    "--port",
    "0",
    "--log-level",
    "warn",
    "--db",
    `sqlite:${join(dir, "demo.db")}`,
    ...extra,
  ];
  const child = spawn(join(root, "bin/gala"), args, { cwd: root });
  let err = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      const text = d.toString();
      err += text;
      // Seeding at scale says how far it has got: pass that on.
      for (const line of text.split("\n")) if (line.startsWith("demo:")) console.error(line);
      const match = /serving at (http:\/\/\S+)/.exec(err);
      if (match) resolve(match[1]!);
    });
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`gala serve exited ${code}: ${err}`)));
  });
  return {
    url,
    child,
    stop: () =>
      new Promise((done) => {
        const finish = () => {
          rmSync(dir, { recursive: true, force: true });
          done();
        };
        if (child.exitCode !== null || child.signalCode !== null) return finish();
        child.once("exit", finish);
        child.kill("SIGTERM");
      }),
  };
}

export const DEMO_ACCOUNTS = {
  merchant: { username: "merchant", password: "gala-merchant" },
  operator: { username: "operator", password: "gala-operator" },
} as const;
export const DEMO_MERCHANT = "m-jiahe";
