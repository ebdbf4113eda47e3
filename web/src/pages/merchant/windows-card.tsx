/** The campaign's two windows with where "now" is: not started, open, or over. */
import { Badge } from "../../components/badge.js";
import { useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { CampaignView, WindowView } from "../../lib/types.js";

function phase(w: WindowView, now: number): "upcoming" | "open" | "closed" {
  if (now < Date.parse(w.start)) return "upcoming";
  return now <= Date.parse(w.end) + 999 ? "open" : "closed";
}

const TONE = { upcoming: "info", open: "ok", closed: "muted" } as const;

export function WindowsCard({ campaign, now }: { campaign: CampaignView; now: number }) {
  const { t } = useI18n();
  const rows = [
    {
      key: "registration",
      label: t("campaign.registrationWindow"),
      w: campaign.windows.registration,
    },
    { key: "activity", label: t("campaign.activityWindow"), w: campaign.windows.activity },
  ];
  return (
    <section className="card">
      <h2>{t("campaign.windows")}</h2>
      <dl className="windows">
        {rows.map(({ key, label, w }) => {
          const p = phase(w, now);
          return (
            <div key={key} className="window-row" data-testid={`window-${key}`}>
              <dt>{label}</dt>
              <dd>
                {formatInstant(w.start)} → {formatInstant(w.end)}{" "}
                <Badge tone={TONE[p]}>{t(`campaign.phase.${p}`)}</Badge>
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="muted small">
        {campaign.timeZone === "Asia/Shanghai"
          ? t("campaign.timesInShanghai")
          : t("campaign.timesInZone", { zone: campaign.timeZone })}
      </p>
    </section>
  );
}
