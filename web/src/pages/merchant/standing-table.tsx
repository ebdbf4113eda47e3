/**
 * Every merchant rule in plain words with this merchant's own standing: what it has, what the
 * campaign requires, pass or fail, and the reason with the fix when it fails.
 */

import { useCategoryName } from "../../app/campaign.js";
import { Badge } from "../../components/badge.js";
import { useI18n } from "../../i18n/index.js";
import { clauseText } from "../../lib/clause.js";
import type { RuleView, StandingRule } from "../../lib/types.js";

export function StandingTable({
  rules,
  testId = "standing",
}: {
  rules: StandingRule[];
  testId?: string;
}) {
  const { t, pick, lang } = useI18n();
  const categoryName = useCategoryName();
  // A category is named by its Chinese id; English pages show the campaign's English name.
  const actual = (r: StandingRule) =>
    /category$/.test(r.code) && typeof r.actual === "string"
      ? categoryName(r.actual)
      : pick(r.actualText);
  return (
    <table className="table standing cards" data-testid={testId}>
      <thead>
        <tr>
          <th>{t("standing.rule")}</th>
          <th>{t("standing.actual")}</th>
          <th>{t("standing.required")}</th>
          <th>{t("standing.result")}</th>
        </tr>
      </thead>
      <tbody>
        {rules.map((r) => (
          <tr key={r.code} className={r.pass ? "" : "row-fail"} data-rule={r.code}>
            <td data-label={t("standing.rule")}>
              <div>{pick(r.title)}</div>
              <div className="muted small">
                {clauseText(r.clause, lang)} · <code>{r.code}</code>
              </div>
              {!r.pass && r.message ? <div className="reason">{pick(r.message)}</div> : null}
            </td>
            <td data-label={t("standing.actual")}>{actual(r)}</td>
            <td data-label={t("standing.required")}>{pick(r.requiredText)}</td>
            <td data-label={t("standing.result")}>
              {r.pass ? (
                <Badge tone="ok">{t("standing.pass")}</Badge>
              ) : (
                <Badge tone="bad">{t("standing.fail")}</Badge>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Product rules are checked per product at registration; here they are listed in plain words. */
export function ProductRulesList({ rules }: { rules: RuleView[] }) {
  const { pick, lang } = useI18n();
  return (
    <ul className="rule-list">
      {rules.map((r) => (
        <li key={r.code}>
          {pick(r.title)} <span className="muted small">({clauseText(r.clause, lang)})</span>
        </li>
      ))}
    </ul>
  );
}
