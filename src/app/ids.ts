/**
 * Row ids shaped like UUIDv7: the first 48 bits are the creation millisecond (real time, not the
 * rehearsal clock), then a per-millisecond sequence, then a per-process random node and a
 * counter. Ids made together sort together, so bulk inserts append to the primary-key B-tree
 * instead of touching a random page per row (random UUIDs cost several times more disk writes at
 * 100,000 rows), and making one costs no entropy.
 */
import { randomBytes } from "node:crypto";

/** 40 random bits per process: two processes minting ids in the same millisecond differ here. */
const node = randomBytes(5).toString("hex");
let lastMs = -1;
let prefix = "";
let sequence = 0;
let counter = randomBytes(4).readUInt32BE(0) & 0x3fffff;

const HEX3 = Array.from({ length: 0x1000 }, (_, i) => i.toString(16).padStart(3, "0"));
/** RFC 4122 variant bits (10xx) over the counter's low 14 bits. */
const VARIANT = Array.from({ length: 0x4000 }, (_, i) => (0x8000 | i).toString(16));
const HEX2 = Array.from({ length: 0x100 }, (_, i) => i.toString(16).padStart(2, "0"));

export function newId(now: number = Date.now()): string {
  if (now === lastMs) {
    sequence = (sequence + 1) & 0xfff;
  } else {
    lastMs = now;
    sequence = 0;
    const ms = now.toString(16).padStart(12, "0");
    prefix = `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7`;
  }
  // A 22-bit counter: ids of one millisecond stay distinct after the sequence wraps.
  counter = (counter + 1) & 0x3fffff;
  return `${prefix}${HEX3[sequence]}-${VARIANT[counter & 0x3fff]}-${HEX2[counter >> 14]}${node}`;
}
