/**
 * The impact of an edited campaign on the facts the server holds, before anyone publishes it:
 * how many merchants and products change, through which rules, and who they are.
 */
import { useCampaign } from "../../app/campaign.js";
import { Badge } from "../../components/badge.js";
import { useI18n } from "../../i18n/index.js";
import type { ChangeView, CompareImpact } from "../../lib/types.js";

function Through({ change }: { change: ChangeView }) {
  const entries = Object.entries(change.through).sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return null;
  return (
    <ul className="small">
      {entries.map(([rule, n]) => (
        <li key={rule}>
          <code>{rule}</code> × {n}
        </li>
      ))}
    </ul>
  );
}

function RuleNames({ codes }: { codes: string[] }) {
  const { campaign } = useCampaign();
  const { pick } = useI18n();
  return (
    <span className="muted small">
      {codes
        .map((code) => {
          const rule = campaign.rules.find((r) => r.code === code);
          return rule ? pick(rule.title) : code;
        })
        .join("、")}
    </span>
  );
}

export function CompareView({ result }: { result: CompareImpact }) {
  const { t } = useI18n();
  const rows = [
    { key: "merchants", label: t("editor.merchants"), c: result.merchants },
    { key: "products", label: t("editor.products"), c: result.products },
  ];
  const changes = result.changes;
  const becomes = (b: string) =>
    b === "eligible" ? (
      <Badge tone="ok">{t("editor.becameEligible")}</Badge>
    ) : (
      <Badge tone="bad">{t("editor.becameIneligible")}</Badge>
    );
  return (
    <div className="compare" data-testid="compare">
      <h3>{t("editor.impact")}</h3>
      <table className="table">
        <thead>
          <tr>
            <th>
              <span className="visually-hidden">{t("editor.subject")}</span>
            </th>
            <th>{t("editor.total")}</th>
            <th>{t("editor.becameEligible")}</th>
            <th>{t("editor.becameIneligible")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ key, label, c }) => (
            <tr key={key}>
              <td>{label}</td>
              <td>{c.total}</td>
              <td className="good">
                +{c.becameEligible.count}
                <Through change={c.becameEligible} />
              </td>
              <td className="bad">
                −{c.becameIneligible.count}
                <Through change={c.becameIneligible} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes && changes.merchants.length > 0 ? (
        <>
          <h4>{t("editor.changedMerchants")}</h4>
          <ul className="change-list" data-testid="changed-merchants">
            {changes.merchants.map((m) => (
              <li key={m.id}>
                {becomes(m.becomes)} {m.name ?? m.id} <code className="small">{m.id}</code>{" "}
                <RuleNames codes={m.rules} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes && changes.products.length > 0 ? (
        <>
          <h4>{t("editor.changedProducts")}</h4>
          <ul className="change-list" data-testid="changed-products">
            {changes.products.map((p) => (
              <li key={p.productId}>
                {becomes(p.becomes)} {p.title ?? p.productId}{" "}
                <code className="small">{p.merchantId}</code> <RuleNames codes={p.rules} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {changes &&
      (changes.merchants.length >= changes.listedAtMost ||
        changes.products.length >= changes.listedAtMost) ? (
        <p className="muted small">{t("editor.listedAtMost", { n: changes.listedAtMost })}</p>
      ) : null}
    </div>
  );
}
