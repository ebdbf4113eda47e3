/** The audit log: every transition with who, when, from → to, and why; oldest first, paged. */
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { AuditRow } from "../../lib/types.js";

export function AuditPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
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
        <h1>{t("nav.audit")}</h1>
      </header>
      <section className="card">
        <PagedTable<AuditRow>
          path={campaignPath(campaign, "/audit")}
          cursorParam="after"
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
