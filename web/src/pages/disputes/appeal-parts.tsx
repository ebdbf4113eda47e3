/** Pieces both sides of an appeal show: its status, the evidence, what an upheld appeal undid. */
import { Badge, type Tone } from "../../components/badge.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import type { Appeal, AppealStatus } from "../../lib/dispute-types.js";
import { formatInstant } from "../../lib/format.js";

const TONE: Record<AppealStatus, Tone> = {
  open: "warn",
  upheld: "ok",
  dismissed: "bad",
  lapsed: "muted",
};

export function AppealStatusBadge({ status }: { status: AppealStatus }) {
  const { t } = useI18n();
  return <Badge tone={TONE[status]}>{t(`appeal.status.${status}` as MessageKey)}</Badge>;
}

export function EvidenceText({ appeal }: { appeal: Appeal }) {
  const { t } = useI18n();
  const e = appeal.evidence;
  if (!e) return <span className="muted">—</span>;
  const parts = [
    e.trackingNo ? `${t("appeal.trackingNo")} ${e.trackingNo}` : null,
    e.carrier ? `${t("appeal.carrier")} ${e.carrier}` : null,
    e.pickedUpAt ? `${t("appeal.pickedUpAt")} ${formatInstant(e.pickedUpAt)}` : null,
    e.note ?? null,
  ].filter((p): p is string => p !== null);
  return <span className="small">{parts.join(" · ")}</span>;
}

/**
 * The decision and its note, and for an upheld appeal what it undid; for a lapsed one, why no one
 * decided it.
 */
export function AppealOutcome({ appeal }: { appeal: Appeal }) {
  const { t, lang } = useI18n();
  if (appeal.status === "lapsed") {
    return (
      <div className="small appeal-outcome">
        {t("appeal.lapsedNote")}
        {appeal.decidedAt ? (
          <span className="muted"> · {formatInstant(appeal.decidedAt)}</span>
        ) : null}
      </div>
    );
  }
  if (!appeal.decision) return null;
  const undone = appeal.decisions
    .map((d) => t(`decision.${d.type}` as MessageKey))
    .filter((text, i, all) => all.indexOf(text) === i);
  return (
    <div className="small appeal-outcome">
      <div>
        {t("appeal.decisionNote")}: {appeal.decision.note}
        {appeal.decidedAt ? (
          <span className="muted"> · {formatInstant(appeal.decidedAt)}</span>
        ) : null}
      </div>
      {undone.length > 0 ? (
        <div className="good">
          {t("appeal.undone", { items: undone.join(lang === "en" ? ", " : "、") })}
        </div>
      ) : null}
    </div>
  );
}
