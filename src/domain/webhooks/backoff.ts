/**
 * When to try a failed delivery again: 1 s after the first failure, doubling each time (2 s,
 * 4 s, … 8 min 32 s), then every 10 minutes for as long as it fails. Nothing is ever dropped:
 * a decision waits, and the ones after it wait behind it (they go in order).
 */
export const FIRST_RETRY_MS = 1_000;
export const MAX_RETRY_MS = 10 * 60_000;

/** The wait after the `failures`-th failure in a row (1 = the first). */
export function retryDelayMs(failures: number): number {
  if (failures < 1) return 0;
  const exponent = Math.min(failures - 1, 30);
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}
