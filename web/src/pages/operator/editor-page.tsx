/**
 * The campaign file editor. Publishing is a deliberate two-step: the text must validate, and the
 * operator must have seen the `--compare` impact of exactly this text, before "publish" unlocks.
 */
import { useEffect, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { ErrorBox, errorText, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import type { CompareResult, ValidateResult } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import { CompareView } from "./compare-view.js";
import { EnforcementImpactView, type WithEnforcement } from "./enforcement-impact.js";

export function EditorPage() {
  const { t, pick } = useI18n();
  const { campaign, reload } = useCampaign();
  const source = useResource(
    () => api.get<{ source: string; hash: string }>(campaignPath(campaign, "/source")),
    [campaign.hash],
  );
  const [text, setText] = useState<string>();
  const [checked, setChecked] = useState<{ text: string; result: ValidateResult }>();
  const [compared, setCompared] = useState<{ text: string; result: CompareResult }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [published, setPublished] = useState<string>();

  useEffect(() => {
    if (source.data && text === undefined) setText(source.data.source);
  }, [source.data, text]);

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(undefined);
    try {
      return await work();
    } catch (cause) {
      setError(cause);
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  if (source.error) return <ErrorBox error={source.error} onRetry={source.reload} />;
  if (text === undefined) return <Loading />;

  const current = text;
  const valid = checked?.text === current ? checked.result : undefined;
  const impact = compared?.text === current ? compared.result : undefined;
  const unchanged = current === source.data?.source;

  const validate = () =>
    run(async () =>
      setChecked({
        text: current,
        result: await api.post<ValidateResult>("/api/v1/campaigns/validate", { source: current }),
      }),
    );
  const compare = () =>
    run(async () => {
      const result = await api.post<CompareResult>(campaignPath(campaign, "/compare"), {
        source: current,
      });
      setCompared({ text: current, result });
      setChecked({ text: current, result: { ok: result.ok, problems: result.problems } });
    });
  const publish = () =>
    run(async () => {
      const out = await api.post<{ campaign: { hash: string } }>("/api/v1/campaigns", {
        source: current,
      });
      setPublished(out.campaign.hash);
      // The impact shown was against the version just replaced.
      setCompared(undefined);
      reload();
    });

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t("nav.editor")}</h1>
          <p className="muted small">
            {t("editor.version")} <code>{campaign.hash.slice(0, 12)}</code>
          </p>
        </div>
        <div className="actions">
          <button type="button" className="btn" disabled={busy} onClick={validate}>
            {t("editor.validate")}
          </button>
          <button type="button" className="btn" disabled={busy} onClick={compare}>
            {t("editor.compare")}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || unchanged || !valid?.ok || !impact}
            onClick={publish}
            title={t("editor.publishHint")}
          >
            {t("editor.publish")}
          </button>
        </div>
      </header>
      {published ? (
        <div className="banner banner-ok" role="status">
          {t("editor.published", { hash: published.slice(0, 12) })}
        </div>
      ) : null}
      {error ? (
        <div className="form-error" role="alert">
          {errorText(error, { t, pick })}
        </div>
      ) : null}
      <div className="editor-layout">
        <textarea
          className="code"
          spellCheck={false}
          aria-label={t("nav.editor")}
          value={current}
          onChange={(e) => setText(e.target.value)}
        />
        <aside className="card">
          {!valid && !impact ? <p className="muted">{t("editor.hint")}</p> : null}
          {valid?.ok ? <div className="banner banner-ok">{t("editor.valid")}</div> : null}
          {valid && !valid.ok ? (
            <ul className="problems" data-testid="problems">
              {valid.problems.map((p) => (
                <li key={`${p.path}:${p.line ?? 0}:${p.message}`}>
                  <strong>
                    {p.line ? t("editor.line", { line: p.line }) : ""} {p.path}
                  </strong>
                  <div>{p.message}</div>
                  <div className="muted small">
                    {t("editor.fix")}: {p.fix}
                  </div>
                </li>
              ))}
            </ul>
          ) : null}
          {impact?.ok ? <CompareView result={impact} /> : null}
          {impact?.ok ? (
            <EnforcementImpactView impact={(impact as WithEnforcement).enforcement} />
          ) : null}
        </aside>
      </div>
    </div>
  );
}
