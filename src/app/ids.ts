/**
 * Row ids shaped like UUIDv7: the first 48 bits are the creation millisecond (real time, not the
 * rehearsal clock), then a per-millisecond sequence, then random bits. Ids made together sort
 * together, so bulk inserts append to the primary-key B-tree instead of touching a random page
 * per row (a random UUID per row costs several times more disk writes at 100,000 rows).
 */
import { randomUUID } from "node:crypto";

let lastMs = -1;
let sequence = 0;

export function newId(now: number = Date.now()): string {
  if (now === lastMs) {
    sequence = (sequence + 1) & 0xfff;
  } else {
    lastMs = now;
    sequence = 0;
  }
  const ms = now.toString(16).padStart(12, "0");
  const random = randomUUID(); // 8-4-4-4-12; the last two groups keep the RFC variant bits
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${sequence.toString(16).padStart(3, "0")}-${random.slice(19)}`;
}
