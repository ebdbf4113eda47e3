/** Messages between `gala replay`'s main thread (read-thread.ts) and its reader (read-worker.ts). */
import type { EventBatch } from "../../domain/fulfilment/contract/event-batch.js";

export interface ReaderData {
  maxLineChars: number;
  /** Records per batch, at most (a batch also ends with each chunk read). */
  batchRecords: number;
}

export type ToReader =
  | { kind: "chunk"; bytes: Uint8Array }
  | { kind: "end" }
  /** The main thread has replayed this many batches: the reader may run that much further ahead. */
  | { kind: "replayed"; batches: number };

export type FromReader =
  /** Send the next chunk of input. */
  | { kind: "more" }
  | { kind: "batch"; batch: EventBatch }
  | { kind: "done" }
  | { kind: "failed"; message: string };
