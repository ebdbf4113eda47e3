/**
 * A span given on the command line: a whole number with a unit, `90s`, `10m`, `2h`, `1d`.
 * Pure, so a flag can be refused with exit status 2 before anything starts.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export function parseDuration(text: string): number | null {
  const m = /^(\d{1,6})(s|m|h|d)$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
