/**
 * `gala replay`'s reader thread (see read-thread.ts): takes the input's bytes chunk by chunk from
 * the main thread, splits lines with `processJsonl` and reads each with the scanner, exactly as
 * a single-threaded replay does, and sends the lines back as batches of typed events
 * (event-batch.ts). It asks for the next chunk only while it has room for it and the main thread
 * is at most a few batches behind, so memory stays bounded whatever the input's size.
 */
import { PassThrough } from "node:stream";
import { parentPort, workerData } from "node:worker_threads";
import { EventBatchWriter } from "../../domain/fulfilment/contract/event-batch.js";
import { scanEvent } from "../../domain/fulfilment/contract/scan-event.js";
import { processJsonl } from "../jsonl.js";
import type { FromReader, ReaderData, ToReader } from "./read-protocol.js";

/** Batches sent and not yet replayed, at most: enough to keep both threads busy. */
const AHEAD = 4;
/**
 * Chunks asked for and not yet come, at most. The main thread answers between batches, so one
 * request at a time would leave this thread waiting for input while the main thread replays.
 */
const ASKING = 4;

const port = parentPort;
if (port === null) throw new Error("read-worker.js runs only as a worker thread");
const { maxLineChars, batchRecords } = workerData as ReaderData;
const send = (message: FromReader, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer);

const input = new PassThrough({ highWaterMark: 4 * 1024 * 1024 });
let sent = 0;
let replayed = 0;
/** Chunks asked for and not yet come. */
let asked = 0;
let ended = false;

function askIfRoom(): void {
  while (asked < ASKING && !ended && sent - replayed < AHEAD && !input.writableNeedDrain) {
    asked++;
    send({ kind: "more" });
  }
}

port.on("message", (message: ToReader) => {
  switch (message.kind) {
    case "chunk":
      asked--;
      if (input.write(message.bytes)) askIfRoom();
      else input.once("drain", askIfRoom);
      return;
    case "end":
      ended = true;
      input.end();
      return;
    case "replayed":
      replayed = message.batches;
      askIfRoom();
      return;
  }
});

const writer = new EventBatchWriter(batchRecords);
function flush(): void {
  if (writer.size === 0) return;
  const batch = writer.take();
  sent++;
  send({ kind: "batch", batch }, [batch.numbers.buffer as ArrayBuffer]);
}

function read(text: string, start: number, end: number, line: number): undefined {
  const event = scanEvent(text, start, end);
  if (event !== undefined) writer.event(event, line);
  else writer.text(text.slice(start, end), line);
  if (writer.full) flush();
  return undefined;
}

try {
  askIfRoom();
  await processJsonl({
    input,
    onLine: (text, line) => read(text, 0, text.length, line),
    onLineWithin: read,
    maxLineChars,
    onTooLong: (line) => {
      writer.tooLong(line);
      if (writer.full) flush();
      return undefined;
    },
    // Each chunk's lines go at once: a replay fed slowly (a pipe) answers as lines come.
    onProgress: flush,
  });
  flush();
  send({ kind: "done" });
} catch (error) {
  send({ kind: "failed", message: String((error as Error)?.message ?? error) });
}
