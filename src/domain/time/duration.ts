/**
 * A span written as a whole number with a unit, `90s`, `10m`, `2h`, `1d`: campaign files
 * (`policy.lateness`) and command-line flags (`--lateness`, `--max-event-lead`) read the same.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export const DURATION_PATTERN = /^(\d{1,6})(s|m|h|d)$/;

export function parseDuration(text: string): number | null {
  const m = DURATION_PATTERN.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}
