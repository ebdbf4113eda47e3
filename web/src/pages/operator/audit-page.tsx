/**
 * The audit log: every transition with who, when, from → to, and why; newest first, filtered by
 * actor, action, subject and days, and searched. The filters live in the URL, so a link (a
 * registration's history, a refund) can open the log at what it is about.
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { useLocation } from "../../app/router.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { AuditRow } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";

const ACTIONS = [
  "register",
  "register.call",
  "review.approve",
  "review.reject",
  "product.settings_changed",
  "claim.pay",
  "claim.decline",
  "refund.approve",
  "refund.refuse",
  "campaign.publish",
] as const;

interface Filter {
  actor: string;
  action: string;
  subject: string;
  from: string;
  to: string;
  q: string;
}

export function AuditPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const { query } = useLocation();
  const [filter, setFilter] = useState<Filter>(() => ({
    actor: query.get("actor") ?? "",
    action: query.get("action") ?? "",
    subject: query.get("subject") ?? "",
    from: query.get("from") ?? "",
    to: query.get("to") ?? "",
    q: query.get("q") ?? "",
  }));
  // Typed fields settle before they ask the server; choices ask at once.
  const typed = JSON.parse(
    useDebounced(
      JSON.stringify({
        actor: filter.actor.trim(),
        subject: filter.subject.trim(),
        q: filter.q.trim(),
      }),
      300,
    ),
  ) as Pick<Filter, "actor" | "subject" | "q">;
  const set = (key: keyof Filter) => (value: string) => setFilter((f) => ({ ...f, [key]: value }));
  // Codes in words where the dictionary has them; any other code as it is.
  const label = (prefix: string, code: string) => {
    const key = `${prefix}.${code}` as MessageKey;
    const text = t(key);
    return text === key ? code : text;
  };
  const state = (s: string | null) => (s === null ? "—" : label("state", s));
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t("nav.audit")}</h1>
          <p className="muted small">{t("audit.newestFirst")}</p>
        </div>
      </header>
      <section className="card">
        <div className="toolbar audit-filters">
          <input
            type="search"
            aria-label={t("audit.search")}
            placeholder={t("audit.search")}
            value={filter.q}
            onChange={(e) => set("q")(e.target.value)}
          />
          <select
            aria-label={t("audit.action")}
            value={filter.action}
            onChange={(e) => set("action")(e.target.value)}
          >
            <option value="">{t("audit.anyAction")}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {label("audit.action", a)}
              </option>
            ))}
          </select>
          <input
            aria-label={t("audit.actorFilter")}
            placeholder={t("audit.actorFilter")}
            value={filter.actor}
            onChange={(e) => set("actor")(e.target.value)}
          />
          <input
            aria-label={t("audit.subjectFilter")}
            placeholder={t("audit.subjectFilter")}
            value={filter.subject}
            onChange={(e) => set("subject")(e.target.value)}
          />
          <label className="inline-field">
            {t("audit.from")}
            <input type="date" value={filter.from} onChange={(e) => set("from")(e.target.value)} />
          </label>
          <label className="inline-field">
            {t("audit.to")}
            <input type="date" value={filter.to} onChange={(e) => set("to")(e.target.value)} />
          </label>
        </div>
        <PagedTable<AuditRow>
          path={campaignPath(campaign, "/audit/browse")}
          query={{ ...typed, action: filter.action, from: filter.from, to: filter.to }}
          rowKey={(a) => String(a.seq)}
          empty={t("audit.none")}
          testId="audit"
          columns={[
            {
              key: "at",
              width: "1.5fr",
              header: t("common.at"),
              render: (a) => formatInstant(a.at),
            },
            {
              key: "actor",
              width: "1.4fr",
              header: t("audit.actor"),
              render: (a) => `${label("role", a.actor.role)} · ${a.actor.id}`,
            },
            {
              key: "action",
              width: "1.3fr",
              header: t("audit.action"),
              render: (a) => <span title={a.action}>{label("audit.action", a.action)}</span>,
            },
            {
              key: "subject",
              width: "1.5fr",
              header: t("audit.subject"),
              // A registration is known by its product; the registration id stays in the tooltip.
              render: (a) => (
                <code title={`${a.subject.type} ${a.subject.id}`}>
                  {a.detail?.productId ?? a.detail?.orderId ?? a.subject.id}
                </code>
              ),
            },
            {
              key: "change",
              width: "1.6fr",
              header: t("audit.change"),
              render: (a) =>
                a.fromState || a.toState ? `${state(a.fromState)} → ${state(a.toState)}` : "—",
            },
            {
              key: "reason",
              width: "2fr",
              header: t("audit.reason"),
              render: (a) => a.reason ?? "",
            },
          ]}
        />
      </section>
    </div>
  );
}
