/**
 * The one rounding rule for money: integer fen times basis points, half up, to the fen.
 *
 * Everything is integer arithmetic, so no float ever reaches a money field. The amount is split
 * into whole ten-thousands and a remainder so that `amount * bp` cannot leave the safe-integer
 * range for any realistic amount (the remainder product stays below 10^4 * bp).
 */

const BASIS = 10_000;

function assertInteger(name: string, value: number): void {
  // A non-integer here is a programming error, not an input problem: inputs are validated earlier.
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${name} must be a safe integer, got ${value}`);
  }
}

/**
 * `amountFen × basisPoints / 10000`, rounded half up (half away from zero for negative amounts,
 * so refunds and charges mirror each other). 500 bp of 10010 fen = 500.5 → 501.
 */
export function applyBasisPoints(amountFen: number, basisPoints: number): number {
  assertInteger("amountFen", amountFen);
  assertInteger("basisPoints", basisPoints);
  if (amountFen < 0) return -applyBasisPoints(-amountFen, basisPoints);
  if (basisPoints < 0) return -applyBasisPoints(amountFen, -basisPoints);
  const whole = Math.floor(amountFen / BASIS);
  const rest = amountFen - whole * BASIS;
  return whole * basisPoints + Math.floor((rest * basisPoints + BASIS / 2) / BASIS);
}

/** Bounds an integer amount to [minFen, maxFen]; the bounds are policy numbers. */
export function clampFen(amountFen: number, minFen: number, maxFen: number): number {
  assertInteger("amountFen", amountFen);
  assertInteger("minFen", minFen);
  assertInteger("maxFen", maxFen);
  if (minFen > maxFen) throw new RangeError(`minFen ${minFen} is above maxFen ${maxFen}`);
  return Math.max(minFen, Math.min(amountFen, maxFen));
}
