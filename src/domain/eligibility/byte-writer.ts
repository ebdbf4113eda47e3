/**
 * UTF-8 output built from pieces. `gala check` writes decisions that are mostly fixed text — a
 * failure's rule code, its `required`, and above all its zh/en message — so each fixed piece is
 * encoded once, when the campaign is compiled, and copied here for every failure; only the few
 * varying parts (ids, actual values) are encoded per line. Encoding whole lines of Chinese text
 * again for every merchant was the largest cost of screening a population that mostly fails.
 */
// The "Stryker disable" lines below mark equivalent mutants: a fast path taken or not, a buffer
// grown a little early or sized otherwise, changes the time taken, never the bytes written.
export class ByteWriter {
  private buffer: Buffer;
  private position = 0;

  // Stryker disable next-line ArithmeticOperator: any starting size grows as needed
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
    // Stryker disable next-line EqualityOperator: growing one byte early
    if (this.position + n > this.buffer.length) this.grow(n);
    const buffer = this.buffer;
    let at = this.position;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a loop for short pieces, set for long ones
    if (n > 24) buffer.set(piece, at);
    else {
      // Stryker disable next-line EqualityOperator: one byte more, past the piece, is unused or overwritten
      for (let i = 0; i < n; i++) buffer[at + i] = piece[i]!;
    }
    at += n;
    this.position = at;
  }

  /** Encodes `text` as UTF-8; short ASCII (ids, numbers) without leaving JavaScript. */
  text(text: string): void {
    const n = text.length;
    // Stryker disable next-line EqualityOperator: growing one byte early
    if (this.position + n * 3 > this.buffer.length) this.grow(n * 3);
    const buffer = this.buffer;
    const start = this.position;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: the fast path for short text, or Buffer's own encoder
    if (n <= 32) {
      let i = 0;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: stopping early leaves it to Buffer's encoder
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        // Stryker disable next-line ConditionalExpression: breaking on ASCII too leaves it to Buffer's encoder
        if (c >= 0x80) break;
        buffer[start + i] = c;
      }
      // Stryker disable next-line ConditionalExpression,BlockStatement: Buffer's encoder writes the same bytes again
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
    // Stryker disable next-line ConditionalExpression: copying nothing is nothing
    if (n === 0) return;
    // Stryker disable next-line EqualityOperator: growing one byte early
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
    // Stryker disable next-line ArithmeticOperator: never less than needed, however it grows
    const size = Math.max(this.buffer.length * 2, this.position + needed);
    const bigger = Buffer.allocUnsafe(size);
    this.buffer.copy(bigger, 0, 0, this.position);
    this.buffer = bigger;
  }
}

/** A fixed piece of output, encoded once. */
export function utf8(text: string): Uint8Array {
  // Stryker disable next-line StringLiteral: UTF-8 is also Buffer's default
  return Buffer.from(text, "utf8");
}
