/**
 * The merchant's appeals (违规申诉): its violations still in force that it may appeal (inside the
 * window, none open), a form to appeal one with evidence, and every appeal it filed with the
 * operator's decision and what an upheld appeal undid. An operator opening this page sees the
 * same, without the form.
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { useSession } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { Deadline } from "../../components/countdown.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { Empty, ErrorBox, Loading } from "../../components/states.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import type { Appeal, ViolationEvent } from "../../lib/dispute-types.js";
import { formatInstant } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { AppealForm } from "./appeal-form.js";
import { AppealOutcome, AppealStatusBadge, EvidenceText } from "./appeal-parts.js";
import "./disputes.css";

const DAY = 86_400_000;

/** Violations in force: recorded and not revoked since (a kind may come back after a revocation). */
export function inForce(events: readonly ViolationEvent[]): ViolationEvent[] {
  const current = new Map<string, ViolationEvent>();
  for (const e of events) {
    const key = `${e.orderId}/${e.kind}`;
    if (e.type === "violation.recorded") current.set(key, e);
    else current.delete(key);
  }
  return [...current.values()];
}

export function MerchantAppealsPage({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const { me } = useSession();
  const now = useServerNow(campaign.id);
  const policy = campaign.appeals ?? { windowDays: 7, slaHours: 48 };
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}`);
  const [filing, setFiling] = useState<ViolationEvent>();
  const [filed, setFiled] = useState<Appeal>();
  const data = useResource(async () => {
    const [violations, appeals] = await Promise.all([
      api.get<{ items: ViolationEvent[] }>(`${base}/decisions`, {
        group: "violations",
        limit: 1000,
      }),
      api.get<{ items: Appeal[] }>(campaignPath(campaign, "/appeals"), {
        merchantId,
        status: "all",
        limit: 1000,
      }),
    ]);
    return { violations: violations.items, appeals: appeals.items };
  }, [base, merchantId]);

  if (data.error) return <ErrorBox error={data.error} onRetry={data.reload} />;
  const d = data.data;
  const open = new Set(
    (d?.appeals ?? []).filter((a) => a.status === "open").map((a) => `${a.orderId}/${a.kind}`),
  );
  const appealable = inForce(d?.violations ?? []).filter(
    (v) => !open.has(`${v.orderId}/${v.kind}`) && Date.parse(v.at) + policy.windowDays * DAY >= now,
  );
  const canFile = me?.role === "merchant";
  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading title="nav.appeals" merchantId={merchantId} />
      </header>
      <p className="muted">
        {t("appeal.intro", { days: policy.windowDays, hours: policy.slaHours })}
      </p>
      {filed ? (
        <div className="banner banner-ok" role="status">
          {t("appeal.filed", { due: formatInstant(filed.dueAt) })}
        </div>
      ) : null}
      {filing ? (
        <AppealForm
          path={`${base}/appeals`}
          violation={filing}
          onCancel={() => setFiling(undefined)}
          onFiled={(appeal) => {
            setFiling(undefined);
            setFiled(appeal);
            data.reload();
          }}
        />
      ) : null}
      <section className="card">
        <h2>{t("appeal.appealable")}</h2>
        {!d ? <Loading /> : null}
        {d && appealable.length === 0 ? <Empty>{t("appeal.appealableNone")}</Empty> : null}
        {appealable.length > 0 ? (
          <table className="table cards" data-testid="appealable">
            <thead>
              <tr>
                <th>{t("appeal.violation")}</th>
                <th>{t("appeal.order")}</th>
                <th>{t("common.at")}</th>
                <th>{t("appeal.appealBy")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {appealable.map((v) => (
                <tr key={`${v.orderId}/${v.kind}`} data-order={v.orderId}>
                  <td data-label={t("appeal.violation")}>
                    <Badge tone="bad">{t(`violation.${v.kind}` as MessageKey)}</Badge>
                  </td>
                  <td data-label={t("appeal.order")}>
                    <code>{v.orderId}</code>
                  </td>
                  <td data-label={t("common.at")}>{formatInstant(v.at)}</td>
                  <td data-label={t("appeal.appealBy")}>
                    {formatInstant(Date.parse(v.at) + policy.windowDays * DAY)}
                  </td>
                  <td data-label="">
                    {canFile ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-testid={`appeal-${v.orderId}`}
                        onClick={() => {
                          setFiled(undefined);
                          setFiling(v);
                        }}
                      >
                        {t("appeal.file")}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="card">
        <h2>{t("appeal.mine")}</h2>
        {d && d.appeals.length === 0 ? <Empty>{t("appeal.none")}</Empty> : null}
        {d && d.appeals.length > 0 ? (
          <table className="table" data-testid="my-appeals">
            <thead>
              <tr>
                <th>{t("appeal.order")}</th>
                <th>{t("appeal.reason")}</th>
                <th>{t("appeal.filedAt")}</th>
                <th>{t("appeal.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.appeals.map((a) => (
                <tr key={a.appealId} data-appeal={a.orderId}>
                  <td>
                    <code>{a.orderId}</code>
                    <div className="muted small">{t(`violation.${a.kind}` as MessageKey)}</div>
                  </td>
                  <td>
                    <div>{a.reason}</div>
                    <EvidenceText appeal={a} />
                  </td>
                  <td>{formatInstant(a.filedAt)}</td>
                  <td>
                    <AppealStatusBadge status={a.status} />
                    {a.status === "open" ? (
                      <div>
                        <Deadline due={a.dueAt} now={now} soonMs={12 * 3_600_000} />
                      </div>
                    ) : null}
                    <AppealOutcome appeal={a} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
