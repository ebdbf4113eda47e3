/** Small coloured labels: review states, due/overdue, pass/fail. */
import type { ReactNode } from "react";

export type Tone = "ok" | "bad" | "warn" | "info" | "muted";

export function Badge({ tone, children }: { tone: Tone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}
