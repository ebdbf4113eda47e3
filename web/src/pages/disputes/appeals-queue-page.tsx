/**
 * The operators' appeals queue (申诉处理): appeals by due time with their SLA countdown, the
 * merchant's reason and evidence, and the decision — uphold (two clicks: it revokes the
 * violation and reverses what followed) or dismiss, each with a note the merchant reads. The
 * server decides each appeal once; a second operator's click answers 409 and the list reloads.
 */
import { useId, useRef, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { Deadline } from "../../components/countdown.js";
import { PagedTable } from "../../components/paged-table.js";
import { errorText } from "../../components/states.js";
import { Tabs } from "../../components/tabs.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import type { Appeal } from "../../lib/dispute-types.js";
import { formatInstant } from "../../lib/format.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { AppealOutcome, AppealStatusBadge, EvidenceText } from "./appeal-parts.js";
import "./disputes.css";

const STATUSES = ["open", "upheld", "dismissed", "lapsed", "all"] as const;
type Status = (typeof STATUSES)[number];

export function AppealsQueuePage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const now = useServerNow(campaign.id);
  const [status, setStatus] = useState<Status>("open");
  const [version, setVersion] = useState(0);
  const sla = campaign.appeals?.slaHours ?? 48;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.appealsQueue")}</h1>
      </header>
      <p className="muted">{t("appeal.queueIntro", { hours: sla })}</p>
      <Tabs
        names={STATUSES}
        selected={status}
        onSelect={setStatus}
        label={(name) => t(`appeal.tab.${name}` as MessageKey)}
      />
      <section className="card">
        <PagedTable<Appeal>
          key={`${status}/${version}`}
          path={campaignPath(campaign, "/appeals")}
          query={{ status }}
          rowKey={(a) => a.appealId}
          rowHeight={120}
          empty={t("appeal.none")}
          testId="appeals-queue"
          columns={[
            {
              key: "due",
              width: "1.5fr",
              header: t("appeal.due"),
              render: (a) =>
                a.status === "open" ? (
                  <Deadline due={a.dueAt} now={now} soonMs={12 * 3_600_000} />
                ) : (
                  <AppealStatusBadge status={a.status} />
                ),
            },
            {
              key: "who",
              width: "1.4fr",
              header: t("appeal.merchant"),
              render: (a) => (
                <span className="small">
                  <a href={href(`/merchants/${encodeURIComponent(a.merchantId)}/appeals`)}>
                    <code>{a.merchantId}</code>
                  </a>
                  <br />
                  <code>{a.orderId}</code> · {t(`violation.${a.kind}` as MessageKey)}
                  <br />
                  <span className="muted">{formatInstant(a.violationAt)}</span>
                </span>
              ),
            },
            {
              key: "reason",
              width: "2.4fr",
              header: t("appeal.reason"),
              render: (a) => (
                <span>
                  <span className="small">{a.reason}</span>
                  <br />
                  <EvidenceText appeal={a} />
                </span>
              ),
            },
            {
              key: "decide",
              width: "3fr",
              header: t("appeal.decide"),
              render: (a) =>
                a.status === "open" ? (
                  <DecideAppeal appeal={a} onDecided={() => setVersion((v) => v + 1)} />
                ) : (
                  <AppealOutcome appeal={a} />
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}

function DecideAppeal(props: { appeal: Appeal; onDecided: () => void }) {
  const { t, pick } = useI18n();
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Upholding revokes a violation and reverses money: the first click asks, the second does.
  const [confirming, setConfirming] = useState(false);
  const [noteMissing, setNoteMissing] = useState(false);
  const noteField = useRef<HTMLInputElement>(null);
  const id = props.appeal.orderId;
  const errorId = useId();

  async function decide(decision: "uphold" | "dismiss") {
    if (!note.trim()) {
      // Said after the buttons (the row has no room beside the field), so the field is marked,
      // points to the message and takes the focus: the operator types there next.
      setError(t("appeal.noteRequired"));
      setNoteMissing(true);
      setConfirming(false);
      noteField.current?.focus();
      return;
    }
    setNoteMissing(false);
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/v1/appeals/${encodeURIComponent(props.appeal.appealId)}/decision`, {
        decision,
        note: note.trim(),
      });
      props.onDecided();
    } catch (cause) {
      setError(errorText(cause, { t, pick }));
      setBusy(false);
    }
  }

  return (
    <div className="appeal-decide">
      <input
        ref={noteField}
        aria-label={t("appeal.notePlaceholder")}
        placeholder={t("appeal.notePlaceholder")}
        data-testid={`note-${id}`}
        value={note}
        aria-invalid={noteMissing || undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => {
          setNote(e.target.value);
          if (e.target.value.trim()) setNoteMissing(false);
        }}
      />
      <button
        type="button"
        className="btn btn-primary btn-small"
        data-testid={`uphold-${id}`}
        disabled={busy}
        onClick={(e) => {
          if (!confirming) setConfirming(true);
          else if (e.detail <= 1) void decide("uphold");
        }}
        onBlur={() => setConfirming(false)}
      >
        {t(confirming ? "appeal.confirmUphold" : "appeal.uphold")}
      </button>
      <button
        type="button"
        className="btn btn-danger btn-small"
        data-testid={`dismiss-${id}`}
        disabled={busy}
        onClick={() => decide("dismiss")}
      >
        {t("appeal.dismiss")}
      </button>
      {error ? (
        <span className="form-error small" role="alert" id={errorId}>
          {error}
        </span>
      ) : null}
    </div>
  );
}
