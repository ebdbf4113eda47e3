/**
 * WAL checkpoints of a server's SQLite file, on a thread of their own.
 *
 * Why: better-sqlite3 is synchronous, and SQLite runs its automatic checkpoint inside the commit
 * that crosses `wal_autocheckpoint`: it copies every page written since the last one into the
 * database file and fsyncs it, on the event loop. Under the channel's refunds that was a stall of
 * tens of milliseconds a few times a second, and every request waiting behind it (the group
 * commit, the venue, the console) paid for it: most of the refund path's open-loop p99
 * (bench:events).
 *
 * So a server turns the automatic checkpoint off on its connection and a worker thread with its
 * own connection checkpoints instead, every `intervalMs`:
 * - PASSIVE, which copies what it can without taking the writer's lock: the event loop never
 *   waits on it;
 * - once the log holds `restartFrames` pages and a passive pass has copied all but the last few,
 *   RESTART, which copies those few under the writer's lock and makes the next writer start the
 *   log over (a passive checkpoint never does: under steady writes the log always has a frame it
 *   has not copied yet, and the file would grow without end). A writer waits for that short copy
 *   through its busy timeout; a RESTART that finds the database busy for long gives up and is
 *   tried again next time.
 * If the worker fails, the connection's automatic checkpoint is turned back on: slower, never
 * unbounded.
 *
 * The worker's code is a string evaluated as a worker (`eval: true`): the same file then works
 * compiled (dist/) and under the test runner, which runs TypeScript sources a worker thread could
 * not load. It requires better-sqlite3 by the absolute path resolved here.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type SQLite from "better-sqlite3";

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Log size (pages) past which the log is restarted. */
  restartFrames?: number;
  /** The automatic checkpoint to turn back on if the worker fails (the connection's pragma). */
  fallbackAutocheckpoint?: number;
  /** Told of a worker failure (after the fallback is on). */
  onError?: (error: unknown) => void;
}

/** What the worker reports after each pass: the log's size and how much of it is copied. */
export interface CheckpointPass {
  mode: "PASSIVE" | "RESTART";
  busy: number;
  log: number;
  checkpointed: number;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.sqlite);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma("busy_timeout = " + workerData.busyMs);
const pass = (mode) => {
  const [r] = db.pragma("wal_checkpoint(" + mode + ")");
  return { mode, busy: r.busy, log: r.log, checkpointed: r.checkpointed };
};
const tick = () => {
  let r;
  try {
    r = pass("PASSIVE");
    if (r.busy === 0 && r.log >= workerData.restartFrames && r.log - r.checkpointed < 64) {
      r = pass("RESTART");
    }
  } catch (error) {
    if (error && error.code === "SQLITE_BUSY") return;
    throw error;
  }
  parentPort.postMessage(r);
};
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m !== "stop") return;
  clearInterval(timer);
  try { tick(); } finally { db.close(); parentPort.close(); }
});
`;

export class SqliteCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private stopping = false;
  /** The last pass the worker reported (tests, diagnostics). */
  last: CheckpointPass | undefined;
  private readonly listeners = new Set<(pass: CheckpointPass) => void>();

  constructor(database: SQLite.Database, options: CheckpointerOptions = {}) {
    const fallback = options.fallbackAutocheckpoint ?? 4_000;
    database.pragma("wal_autocheckpoint = 0");
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        path: database.name,
        sqlite: createRequire(import.meta.url).resolve("better-sqlite3"),
        intervalMs: options.intervalMs ?? 100,
        restartFrames: options.restartFrames ?? 4_000,
        // Long enough to wait out one commit; a RESTART that waits longer tries again next tick.
        busyMs: 50,
      },
    });
    this.worker.on("message", (pass: CheckpointPass) => {
      this.last = pass;
      for (const l of this.listeners) l(pass);
    });
    let failedOnce = false;
    // A worker that throws also exits with a code: one failure, told once.
    const failed = (error: unknown) => {
      if (this.stopping || failedOnce) return;
      failedOnce = true;
      if (database.open) database.pragma(`wal_autocheckpoint = ${fallback}`);
      options.onError?.(error);
    };
    this.worker.on("error", failed);
    this.exited = new Promise((resolve) => {
      this.worker.once("exit", (code) => {
        if (code !== 0) failed(new Error(`the checkpoint worker exited with code ${code}`));
        resolve();
      });
    });
    // A server's worker must not keep a process alive that is otherwise done.
    this.worker.unref();
  }

  /** Resolves with the next pass the worker reports. */
  nextPass(): Promise<CheckpointPass> {
    return new Promise((resolve) => {
      const once = (pass: CheckpointPass) => {
        this.listeners.delete(once);
        resolve(pass);
      };
      this.listeners.add(once);
    });
  }

  /** One last pass, then the worker's connection closes; call before closing the database. */
  async stop(): Promise<void> {
    if (this.stopping) return this.exited;
    this.stopping = true;
    // Unreferenced so far (it must not keep a finished process alive); now the process waits
    // for its last pass, or a top-level `await close()` would see an empty loop and exit 13.
    this.worker.ref();
    this.worker.postMessage("stop");
    await this.exited;
  }
}
