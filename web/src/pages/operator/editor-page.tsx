/**
 * The campaign file editor. Publishing is deliberate: the text must validate, the operator must
 * have seen the impact of exactly this text, and a confirmation asks why (the comment goes to the
 * audit log and the history). The history lists every publish; any two versions can be compared
 * line by line, and any earlier one made current again (a rollback is a new publish).
 */
import { useMemo, useRef, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { ErrorBox, errorText, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { problemFix, problemMessage } from "../../lib/problem-text.js";
import type { CompareResult, ValidateResult } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import { CodeEditor, type CodeEditorHandle } from "./code-editor.js";
import { CompareView } from "./compare-view.js";
import { ConfirmDialog } from "./confirm-dialog.js";
import { EnforcementImpactView, type WithEnforcement } from "./enforcement-impact.js";
import { VersionHistory } from "./version-history.js";

export function EditorPage() {
  const { t, pick, lang } = useI18n();
  const { campaign, reload } = useCampaign();
  const source = useResource(
    () => api.get<{ source: string; hash: string }>(campaignPath(campaign, "/source")),
    [campaign.hash],
  );
  const [edited, setText] = useState<string>();
  const [checked, setChecked] = useState<{ text: string; result: ValidateResult }>();
  const [compared, setCompared] = useState<{ text: string; result: CompareResult }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [published, setPublished] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  const editor = useRef<CodeEditorHandle>(null);
  // The text as last typed, read when a button is pressed: a click may come before React has
  // re-rendered with the editor's latest change, and the button's handler would then send the
  // text from before it (an impact of the old text, never shown for the new one).
  const typed = useRef<string | undefined>(undefined);
  const edit = (value: string) => {
    typed.current = value;
    setText(value);
  };

  const text = edited ?? source.data?.source;
  const valid = text !== undefined && checked?.text === text ? checked.result : undefined;
  const impact = text !== undefined && compared?.text === text ? compared.result : undefined;
  const marks = useMemo(
    () =>
      (valid?.problems ?? [])
        .filter((p) => p.line !== undefined)
        .map((p) => ({
          line: p.line!,
          message: `${p.path}: ${problemMessage(p.message, lang).text} — ${problemFix(p.fix, lang).text}`,
        })),
    [valid, lang],
  );

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
  const unchanged = current === source.data?.source;

  const validate = () => {
    const sent = typed.current ?? current;
    return run(async () =>
      setChecked({
        text: sent,
        result: await api.post<ValidateResult>("/api/v1/campaigns/validate", { source: sent }),
      }),
    );
  };
  const compare = () => {
    const sent = typed.current ?? current;
    return run(async () => {
      const result = await api.post<CompareResult>(campaignPath(campaign, "/compare"), {
        source: sent,
      });
      setCompared({ text: sent, result });
      setChecked({ text: sent, result: { ok: result.ok, problems: result.problems } });
    });
  };
  const publish = (comment: string) =>
    run(async () => {
      const out = await api.post<{ campaign: { hash: string } }>("/api/v1/campaigns", {
        source: typed.current ?? current,
        comment,
      });
      setPublished(out.campaign.hash);
      setConfirming(false);
      // The impact shown was against the version just replaced.
      setCompared(undefined);
      typed.current = undefined;
      setText(undefined);
      setHistoryVersion((v) => v + 1);
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
            onClick={() => setConfirming(true)}
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
        <CodeEditor
          ref={editor}
          value={current}
          onChange={edit}
          marks={marks}
          label={t("nav.editor")}
        />
        <aside className="card">
          {!valid && !impact ? <p className="muted">{t("editor.hint")}</p> : null}
          {valid?.ok ? <div className="banner banner-ok">{t("editor.valid")}</div> : null}
          {valid && !valid.ok ? (
            <ul className="problems" data-testid="problems">
              {valid.problems.map((p) => {
                const message = problemMessage(p.message, lang);
                const fix = problemFix(p.fix, lang);
                return (
                  <li key={`${p.path}:${p.line ?? 0}:${p.message}`}>
                    {p.line ? (
                      <button
                        type="button"
                        className="link-button"
                        data-line={p.line}
                        onClick={() => editor.current?.goTo(p.line!)}
                      >
                        {t("editor.line", { line: p.line })}
                      </button>
                    ) : null}{" "}
                    <code>{p.path}</code>
                    <div lang={message.lang}>{message.text}</div>
                    <div className="muted small">
                      {t("editor.fix")}: <span lang={fix.lang}>{fix.text}</span>
                    </div>
                  </li>
                );
              })}
            </ul>
          ) : null}
          {impact?.ok ? <CompareView result={impact} /> : null}
          {impact?.ok ? (
            // The document leaves the enforcement impact a record; enforcement-impact.tsx types it.
            <EnforcementImpactView impact={(impact as unknown as WithEnforcement).enforcement} />
          ) : null}
        </aside>
      </div>
      <VersionHistory key={`${campaign.hash}/${historyVersion}`} current={campaign.hash} />
      {confirming && impact?.ok ? (
        <ConfirmDialog
          title={t("editor.confirmTitle")}
          body={t("editor.confirmBody", {
            merchants:
              impact.merchants.becameEligible.count + impact.merchants.becameIneligible.count,
            products: impact.products.becameEligible.count + impact.products.becameIneligible.count,
          })}
          confirmLabel={t("editor.confirmPublish")}
          busy={busy}
          onConfirm={publish}
          onCancel={() => setConfirming(false)}
        />
      ) : null}
    </div>
  );
}
