/**
 * UTF-8 output built from pieces. `gala check` writes decisions that are mostly fixed text — a
 * failure's rule code, its `required`, and above all its zh/en message — so each fixed piece is
 * encoded once, when the campaign is compiled, and copied here for every failure; only the few
 * varying parts (ids, actual values) are encoded per line. Encoding whole lines of Chinese text
 * again for every merchant was the largest cost of screening a population that mostly fails.
 */
// Stryker disable EqualityOperator,ArithmeticOperator,ConditionalExpression,BlockStatement: fast paths and buffer sizes change the time taken, not the bytes (the tests check the bytes)
export class ByteWriter {
  private buffer: Buffer;
  private position = 0;

  constructor(private readonly chunkBytes = 256 * 1024) {
    this.buffer = Buffer.allocUnsafe(chunkBytes);
  }

  /** Bytes written since the last `take`. */
  get length(): number {
    return this.position;
  }

  /** Copies a piece encoded beforehand (see `utf8`). */
  bytes(piece: Uint8Array): void {
    const n = piece.length;
    if (this.position + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.position;
    if (n > 24) buffer.set(piece, at);
    else for (let i = 0; i < n; i++) buffer[at + i] = piece[i]!;
    at += n;
    this.position = at;
  }

  /** Encodes `text` as UTF-8; short ASCII (ids, numbers) without leaving JavaScript. */
  text(text: string): void {
    const n = text.length;
    if (this.position + n * 3 > this.buffer.length) this.grow(n * 3);
    const buffer = this.buffer;
    const start = this.position;
    if (n <= 32) {
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        // Stryker restore EqualityOperator
        if (c >= 0x80) break;
        // Stryker disable EqualityOperator
        buffer[start + i] = c;
      }
      if (i === n) {
        this.position = start + n;
        return;
      }
    }
    this.position = start + buffer.write(text, start);
  }

  /** Appends what `other` holds and empties it. */
  moveFrom(other: ByteWriter): void {
    const n = other.position;
    if (n === 0) return;
    if (this.position + n > this.buffer.length) this.grow(n);
    other.buffer.copy(this.buffer, this.position, 0, n);
    this.position += n;
    other.position = 0;
  }

  /** The bytes written so far, handed over; the writer goes on in a fresh buffer. */
  take(): Buffer {
    const filled = this.buffer.subarray(0, this.position);
    this.buffer = Buffer.allocUnsafe(this.chunkBytes);
    this.position = 0;
    return filled;
  }

  /** A copy of the bytes written so far, emptying the writer (to keep them). */
  takeCopy(): Uint8Array {
    const copy = Buffer.from(this.buffer.subarray(0, this.position));
    this.position = 0;
    return copy;
  }

  /** The bytes written so far as text, emptying the writer (tests, and `evaluateJson`). */
  takeText(): string {
    const text = this.buffer.toString("utf8", 0, this.position);
    this.position = 0;
    return text;
  }

  private grow(needed: number): void {
    const size = Math.max(this.buffer.length * 2, this.position + needed);
    const bigger = Buffer.allocUnsafe(size);
    this.buffer.copy(bigger, 0, 0, this.position);
    this.buffer = bigger;
  }
}

// Stryker restore all

/** A fixed piece of output, encoded once. */
export function utf8(text: string): Uint8Array {
  // Stryker disable next-line StringLiteral: UTF-8 is also Buffer's default
  return Buffer.from(text, "utf8");
}
