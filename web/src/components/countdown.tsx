/**
 * Deadlines as people read them: "剩余 1天3小时" / "超时 2小时" plus a badge. Used by the review
 * SLA (72 h) and by ship-by deadlines (24/48 h); `soonMs` says when "due" turns amber.
 */
import { useI18n } from "../i18n/index.js";
import { durationParts, formatInstant } from "../lib/format.js";
import { Badge } from "./badge.js";

/**
 * The server's clock may run elsewhere in time (`gala serve --clock` rehearses a past campaign):
 * countdowns follow the server, so the console keeps the offset the server last reported.
 */
let serverOffsetMs = 0;
export function syncServerClock(serverNowIso: string): void {
  const server = Date.parse(serverNowIso);
  if (Number.isFinite(server)) serverOffsetMs = server - Date.now();
}
export const serverNow = () => Date.now() + serverOffsetMs;

export function useSpan() {
  const { t } = useI18n();
  return (ms: number) => {
    const p = durationParts(ms);
    if (p.days > 0) return t("time.daysHours", { d: p.days, h: p.hours });
    if (p.hours > 0) return t("time.hoursMinutes", { h: p.hours, m: p.minutes });
    return t("time.minutes", { m: p.minutes });
  };
}

interface DeadlineProps {
  due: string | null;
  now: number;
  soonMs?: number;
  /** Shown instead of a countdown once the obligation is met (reviewed, shipped). */
  doneLabel?: string | undefined;
}

export function Deadline({ due, now, soonMs = 24 * 3600_000, doneLabel }: DeadlineProps) {
  const { t } = useI18n();
  const span = useSpan();
  if (doneLabel) return <Badge tone="muted">{doneLabel}</Badge>;
  if (!due) return <span className="muted">—</span>;
  const left = Date.parse(due) - now;
  const tone = left < 0 ? "bad" : left <= soonMs ? "warn" : "ok";
  const label = left < 0 ? t("sla.overdue") : left <= soonMs ? t("sla.dueSoon") : t("sla.onTrack");
  return (
    <span className="deadline" title={formatInstant(due)} data-sla={tone}>
      <Badge tone={tone}>{label}</Badge>{" "}
      <span className="small">
        {left < 0
          ? t("time.overdueBy", { span: span(-left) })
          : t("time.left", { span: span(left) })}
      </span>
    </span>
  );
}
