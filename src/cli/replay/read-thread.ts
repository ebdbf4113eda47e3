/**
 * `gala replay` on two threads: a reader thread splits and scans the input (read-worker.ts) while
 * this one replays the events it read, in order, through the same `ReplaySession`. Scanning is
 * about a fifth of a replay's work and the engine cannot be split (each event depends on all
 * before it), so the reader runs a step ahead on the second core. The output is the same, line
 * for line, as the single-threaded path (`processJsonl` + `ReplaySession.lineWithin`): the lines
 * are numbered and split by the same code, an event the scanner read is rebuilt field for field,
 * and a line it did not claim comes over as text for the ordinary path.
 */
import type { Readable, Writable } from "node:stream";
import { Worker } from "node:worker_threads";
import {
  type EventBatchReader,
  readEventBatch,
  type SymbolTexts,
} from "../../domain/fulfilment/contract/event-batch.js";
import type { ChannelEvent } from "../../domain/fulfilment/index.js";
import { writeOut } from "../jsonl.js";
import type { FromReader, ReaderData, ToReader } from "./read-protocol.js";

/**
 * What the events go to: a `ReplaySession` (its decisions' text), or the comparison of two
 * policies (`gala replay --compare`, which answers "").
 */
export interface ReplayTarget {
  /** An event the reader scanned; the text to write for its line. */
  event(event: ChannelEvent, lineNumber: number): string;
  /** A line the reader did not claim, as text; the text to write for it. */
  line(text: string, lineNumber: number): string;
}

export interface ThreadedReplay {
  input: Readable;
  output: Writable;
  session: ReplayTarget;
  onTooLong: (line: number) => string;
}

/** Records per batch: small enough to keep memory low, large enough that messages cost little. */
const BATCH_RECORDS = 4096;

/** A reader thread, started (its start takes ~70 ms: start it before other start-up work). */
export interface ReaderThread {
  worker: Worker;
  inbox: Inbox<FromReader>;
  credit: Credit;
  /** Stops the thread (when the replay cannot run after all). */
  stop(): Promise<void>;
}

export function startReader(maxLineChars: number): ReaderThread {
  const worker = new Worker(new URL("./read-worker.js", import.meta.url), {
    workerData: { maxLineChars, batchRecords: BATCH_RECORDS } satisfies ReaderData,
  });
  const credit = new Credit();
  // A request for input is served at once, not behind the batches queued before it.
  const inbox = new Inbox<FromReader>(worker, (message) => {
    if (message.kind !== "more") return false;
    credit.give();
    return true;
  });
  return {
    worker,
    inbox,
    credit,
    stop: async () => {
      credit.close();
      await worker.terminate();
    },
  };
}

export async function replayOnTwoThreads(
  reader: ReaderThread,
  options: ThreadedReplay,
): Promise<void> {
  const { input, output, session, onTooLong } = options;
  const { worker, inbox, credit } = reader;
  const send = (message: ToReader) => worker.postMessage(message);

  let text = "";
  const symbols: SymbolTexts = [];
  const replay: EventBatchReader = {
    event: (event, line) => {
      text += session.event(event, line);
    },
    text: (line, number) => {
      text += session.line(line, number);
    },
    tooLong: (line) => {
      text += onTooLong(line);
    },
  };

  // Input goes over as the reader asks for it, concurrently with replaying what it sent: a slow
  // pipe never holds back the answers to lines already read.
  const pumping = (async () => {
    for await (const chunk of input as AsyncIterable<Buffer | string>) {
      await credit.take();
      send({ kind: "chunk", bytes: typeof chunk === "string" ? Buffer.from(chunk) : chunk });
    }
    send({ kind: "end" });
  })();
  // A read error ends the replay through the loop below, as the reader's own failure would.
  pumping.catch((error: Error) => inbox.fail(error));

  let replayed = 0;
  try {
    for (;;) {
      const message = await inbox.next();
      if (message.kind === "batch") {
        text = "";
        readEventBatch(message.batch, symbols, replay);
        await writeOut(output, text);
        send({ kind: "replayed", batches: ++replayed });
        // Let the reader's requests and the input's reads in between batches.
        await new Promise((resolve) => setImmediate(resolve));
      } else if (message.kind === "failed") {
        throw new Error(message.message);
      } else return;
    }
  } finally {
    await reader.stop();
  }
}

/** Chunks the reader has asked for and not yet been sent. */
class Credit {
  private count = 0;
  private waiting: (() => void) | undefined;
  private closed = false;

  give(): void {
    this.count++;
    this.waiting?.();
    this.waiting = undefined;
  }

  async take(): Promise<void> {
    while (this.count === 0) {
      if (this.closed) throw new Error("replay ended");
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
      });
    }
    this.count--;
  }

  close(): void {
    this.closed = true;
    this.waiting?.();
    this.waiting = undefined;
  }
}

/** The worker's messages as a queue to await, in order; its failure rejects the next wait. */
class Inbox<T> {
  private readonly queue: T[] = [];
  private waiting: { resolve: (m: T) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  /** `urgent` takes the messages it answers true for; the others queue. */
  constructor(worker: Worker, urgent: (message: T) => boolean) {
    worker.on("message", (message: T) => {
      if (urgent(message)) return;
      if (this.waiting) {
        const { resolve } = this.waiting;
        this.waiting = undefined;
        resolve(message);
      } else this.queue.push(message);
    });
    worker.on("error", (error) => this.fail(error));
    worker.on("exit", (code) => this.fail(new Error(`the reader thread stopped (exit ${code})`)));
  }

  /** Every wait from now on fails with `error` (the first failure is the one reported). */
  fail(error: Error): void {
    this.failure ??= error;
    this.waiting?.reject(this.failure);
    this.waiting = undefined;
  }

  next(): Promise<T> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }
}
