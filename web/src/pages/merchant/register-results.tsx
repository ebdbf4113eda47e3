/** What just happened to each product the merchant registered: in review, or why not. */
import { FailureList } from "../../components/failure-list.js";
import { StateBadge } from "../../components/state-badge.js";
import { useI18n } from "../../i18n/index.js";
import type { RegisterResult } from "../../lib/types.js";

export function RegisterResults({
  results,
  titles,
}: {
  results: RegisterResult[];
  titles: Map<string, string>;
}) {
  const { t } = useI18n();
  const ok = results.filter((r) => r.eligible).length;
  return (
    <section className="card" data-testid="register-results" aria-live="polite">
      <h2>{t("register.results", { ok, failed: results.length - ok })}</h2>
      <ul className="results">
        {results.map((r) => (
          <li
            key={r.productId}
            className={r.eligible ? "result-ok" : "result-fail"}
            data-product={r.productId}
          >
            <div className="result-head">
              <strong>{titles.get(r.productId) ?? r.productId}</strong>
              <code className="muted small">{r.productId}</code>
              <StateBadge state={r.state} />
            </div>
            {r.error ? <div className="reason">{r.error.message}</div> : null}
            <FailureList failures={r.failures} />
          </li>
        ))}
      </ul>
    </section>
  );
}
