/**
 * WAL checkpoints on a worker thread. A checkpoint copies the WAL's pages into the database file
 * and syncs both; run by the writing connection (SQLite's default, every 1,000 pages) it happens
 * inside some commit and stalls the event loop for the whole copy and two fsyncs — the worst
 * latencies of the event endpoint. A second connection on its own thread runs PASSIVE
 * checkpoints instead, which never block the writer; the writer's own automatic checkpoint stays
 * as a backstop at a higher mark (SQLITE_PRAGMAS) for processes that run no checkpointer.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

const INTERVAL_MS = 250;

// CommonJS, evaluated: no separate file to build or locate, better-sqlite3 loaded by full path.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma("busy_timeout = 5000");
db.pragma("synchronous = NORMAL");
const tick = () => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch { /* busy or closing: the next tick retries */ }
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  tick();
  db.close();
  parentPort.postMessage("stopped");
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(path: string, intervalMs = INTERVAL_MS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER, { eval: true, workerData: { path, driver, intervalMs } });
  // Never keeps the process alive, and a failure only means the backstop checkpoints instead.
  worker.unref();
  worker.on("error", () => {});
  let stopped: Promise<void> | undefined;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        worker.once("message", () => resolve());
        worker.once("exit", () => resolve());
        worker.postMessage("stop");
      }).then(() => worker.terminate().then(() => undefined));
      return stopped;
    },
  };
}
