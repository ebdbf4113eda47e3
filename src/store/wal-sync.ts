/**
 * Durable commits without stalling the event loop. SQLite runs in WAL with `synchronous = NORMAL`:
 * a commit writes its frames to the WAL (safe against a killed process) but does not fsync, and
 * checkpoints still sync in the order that keeps the file sound after a power cut. Before a
 * write is acknowledged its caller awaits `sync()`, an fdatasync of the WAL on libuv's thread
 * pool, so an answered write is on disk exactly as with `synchronous = FULL`. The difference:
 * while one flush runs, the next transaction already executes, and one flush covers every
 * commit before it (group commit across requests).
 */
import { closeSync, fdatasyncSync, fsyncSync, openSync } from "node:fs";
import { open } from "node:fs/promises";
import { dirname } from "node:path";

export class WalSync {
  private running: Promise<void> | undefined;
  private next: Promise<void> | undefined;
  private directorySynced = false;

  constructor(private readonly databasePath: string) {}

  /** Resolves once every transaction committed before the call is on disk. */
  sync(): Promise<void> {
    if (this.running === undefined) {
      this.running = this.flush().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // The flush in flight may have started before the caller's commit: one more after it,
    // shared by everyone who asks meanwhile.
    this.next ??= this.running
      .catch(() => {})
      .then(() => {
        this.next = undefined;
        return this.sync();
      });
    return this.next;
  }

  private async flush(): Promise<void> {
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(`${this.databasePath}-wal`, "r");
    } catch (error) {
      // No WAL file: nothing has been written since the last checkpoint removed it.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
    if (!this.directorySynced) {
      // The WAL's directory entry, once: a new file survives a power cut only with it.
      syncDirectory(dirname(this.databasePath));
      this.directorySynced = true;
    }
  }
}

/** The same guarantee for a synchronous caller (the benchmark's floor): fdatasync of the WAL. */
export function syncWalNow(databasePath: string): void {
  const fd = openSync(`${databasePath}-wal`, "r");
  try {
    fdatasyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function syncDirectory(path: string): void {
  const fd = openSync(path, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
