/**
 * CRC-32 of a concatenation from the CRCs of its parts (zlib's `crc32_combine`, which Node does
 * not expose): `crc32(a ‖ b) = shift(crc32(a)) ^ crc32(b)`, where `shift` depends only on
 * `b.length` and is linear over GF(2). The venue sends a fresh head before a tail that stays the
 * same for every answer of a page: the tail's CRC and its shift are made once per page, so an
 * answer computes the CRC of its head only, not of the ~15 kB it carries.
 */

/** The CRC-32 polynomial, reflected. */
const POLY = 0xedb88320;

/** `a × b mod p(x)`, both as reflected polynomials (bit 31 is x⁰). */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** `x^(2^k) mod p(x)` for k = 0..31. */
const X2N: number[] = [];
{
  let p = 0x40000000; // x¹
  X2N.push(p);
  for (let n = 1; n < 32; n++) {
    p = multModP(p, p);
    X2N.push(p);
  }
}

/** `x^(n·2^k) mod p(x)`. */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000; // x⁰
  while (n) {
    if (n & 1) p = multModP(X2N[k & 31]!, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/**
 * The operator taking `crc32(a)` to its part of `crc32(a ‖ b)` for any `b` of `length` bytes:
 * `crc32(a ‖ b) === (shiftCrc32(length))(crc32(a)) ^ crc32(b)` (unsigned).
 */
export function shiftCrc32(length: number): (crc: number) => number {
  const op = x2nModP(length, 3); // x^(8·length): the length in bits
  return (crc) => multModP(op, crc >>> 0);
}
