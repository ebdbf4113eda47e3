/** The audit log: every transition with who, when, from → to, and why; newest last, paged. */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { PagedTable } from "../../components/paged-table.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { AuditRow } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";

export function AuditPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const [subject, setSubject] = useState("");
  const subjectId = useDebounced(subject.trim(), 300);
  const role = (r: string) => {
    const key = `role.${r}` as MessageKey;
    const text = t(key);
    return text === key ? r : text;
  };
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.audit")}</h1>
      </header>
      <section className="card">
        <div className="toolbar">
          <input
            type="search"
            aria-label={t("audit.subject")}
            placeholder={t("audit.subject")}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
        </div>
        <PagedTable<AuditRow>
          path={campaignPath(campaign, "/audit")}
          query={{ subjectId }}
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
              render: (a) => `${role(a.actorRole)} · ${a.actorId}`,
            },
            {
              key: "action",
              width: "1.3fr",
              header: t("audit.action"),
              render: (a) => <code>{a.action}</code>,
            },
            {
              key: "subject",
              width: "1.5fr",
              header: t("audit.subject"),
              render: (a) => <code>{a.subjectId}</code>,
            },
            {
              key: "change",
              width: "1.6fr",
              header: t("audit.change"),
              render: (a) =>
                a.fromState || a.toState ? `${a.fromState ?? "∅"} → ${a.toState ?? "∅"}` : "—",
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
