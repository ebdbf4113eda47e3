/**
 * What just happened to each product the merchant registered: in review, or every reason why
 * not — with a one-click fix for the reasons that are the merchant's own product settings.
 */
import { useState } from "react";
import { FailureList } from "../../components/failure-list.js";
import { StateBadge } from "../../components/state-badge.js";
import { errorText } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import type { Failure, RegisterResult } from "../../lib/types.js";
import { fixFor, type SettingsPatch } from "./fixes.js";

interface Props {
  results: RegisterResult[];
  merchantFailures: Failure[];
  titles: Map<string, string>;
  onFix: (productId: string, patch: SettingsPatch) => Promise<void>;
}

function FixButton({
  productId,
  failures,
  onFix,
}: {
  productId: string;
  failures: Failure[];
  onFix: Props["onFix"];
}) {
  const { t, pick } = useI18n();
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const [error, setError] = useState<unknown>();
  const patch = Object.assign({}, ...failures.map((f) => fixFor(f.rule) ?? {})) as SettingsPatch;
  const fixable = Object.keys(patch).length > 0;
  if (!fixable) return null;
  if (state === "done") return <span className="good small">{t("register.fixed")}</span>;
  return (
    <span>
      <button
        type="button"
        className="btn btn-small"
        data-testid={`fix-${productId}`}
        disabled={state === "busy"}
        onClick={async () => {
          setState("busy");
          try {
            await onFix(productId, patch);
            setState("done");
          } catch (cause) {
            setError(cause);
            setState("idle");
          }
        }}
      >
        {t("register.fix")}
      </button>
      {error ? <span className="reason"> {errorText(error, { t, pick })}</span> : null}
    </span>
  );
}

/** Refused: already registered (or in review, or approved): nothing happened, nothing failed. */
const RESULT_CLASS: Record<RegisterResult["outcome"], string> = {
  pending_review: "result-ok",
  rejected: "result-fail",
  refused: "result-refused",
};

export function RegisterResults({ results, merchantFailures, titles, onFix }: Props) {
  const { t, pick } = useI18n();
  const count = (outcome: RegisterResult["outcome"]) =>
    results.filter((r) => r.outcome === outcome).length;
  const refused = count("refused");
  return (
    <section className="card" data-testid="register-results" aria-live="polite">
      <h2>
        {t("register.results", { ok: count("pending_review"), failed: count("rejected") })}
        {refused > 0 ? t("register.resultsRefused", { refused }) : null}
      </h2>
      {merchantFailures.length > 0 ? (
        <div className="banner banner-bad">
          {t("register.merchantFails")}
          <FailureList failures={merchantFailures} />
        </div>
      ) : null}
      <ul className="results">
        {results.map((r) => {
          const own = (r.failures ?? []).filter((f) => f.rule.startsWith("product."));
          return (
            <li key={r.productId} className={RESULT_CLASS[r.outcome]} data-product={r.productId}>
              <div className="result-head">
                <strong>{titles.get(r.productId) ?? r.productId}</strong>
                <code className="muted small">{r.productId}</code>
                <StateBadge state={r.state} />
                <span className="spacer" />
                <FixButton productId={r.productId} failures={own} onFix={onFix} />
              </div>
              {r.refusal ? <div className="reason">{pick(r.refusal.message)}</div> : null}
              <FailureList failures={own} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
