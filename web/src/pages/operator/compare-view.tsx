/** The impact of an edited campaign on the facts the server holds, before anyone publishes it. */
import { useI18n } from "../../i18n/index.js";
import type { ChangeView, CompareResult } from "../../lib/types.js";

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

export function CompareView({ result }: { result: CompareResult }) {
  const { t } = useI18n();
  const rows = [
    { key: "merchants", label: t("editor.merchants"), c: result.merchants },
    { key: "products", label: t("editor.products"), c: result.products },
  ];
  return (
    <div className="compare" data-testid="compare">
      <h3>{t("editor.impact")}</h3>
      <table className="table">
        <thead>
          <tr>
            <th />
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
    </div>
  );
}
