/**
 * Every publish of the campaign, newest first: when, who, from which version to which, why. Pick
 * any two versions to see what changed line by line; make an earlier one current again (a new
 * publish, confirmed with a comment, audited).
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { Badge } from "../../components/badge.js";
import { ErrorBox, errorText, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { DiffLine, PublishEntry } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import { ConfirmDialog } from "./confirm-dialog.js";

const short = (hash: string | null) => (hash ? hash.slice(0, 12) : "—");

export function VersionHistory({ current }: { current: string }) {
  const { t, pick } = useI18n();
  const { campaign, reload } = useCampaign();
  const history = useResource(
    () => api.get<{ items: PublishEntry[] }>(campaignPath(campaign, "/history")),
    [campaign.id],
  );
  const [pair, setPair] = useState<{ from?: string; to?: string }>({});
  const [rollingBack, setRollingBack] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const diff = useResource(
    async () =>
      pair.from && pair.to && pair.from !== pair.to
        ? api.get<{ hunks: { lines: DiffLine[] }[] }>(campaignPath(campaign, "/diff"), {
            from: pair.from,
            to: pair.to,
          })
        : undefined,
    [pair.from, pair.to],
  );

  async function rollback(comment: string) {
    if (!rollingBack) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.post(campaignPath(campaign, "/rollback"), { hash: rollingBack, comment });
      setRollingBack(undefined);
      reload();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const items = history.data?.items ?? [];
  return (
    <section className="card" data-testid="history">
      <h2>{t("history.title")}</h2>
      {history.error ? <ErrorBox error={history.error} onRetry={history.reload} /> : null}
      {!history.data && !history.error ? <Loading /> : null}
      {history.data && items.length === 0 ? <p className="muted">{t("history.none")}</p> : null}
      {error ? (
        <div className="form-error" role="alert">
          {errorText(error, { t, pick })}
        </div>
      ) : null}
      {items.length > 0 ? (
        <table className="table cards">
          <thead>
            <tr>
              <th>{t("common.at")}</th>
              <th>{t("audit.actor")}</th>
              <th>{t("history.versions")}</th>
              <th>{t("history.comment")}</th>
              <th>{t("history.compare")}</th>
              <th>
                <span className="visually-hidden">{t("history.rollback")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((h, i) => (
              <tr key={h.seq} data-version={h.to}>
                <td data-label={t("common.at")}>{formatInstant(h.at)}</td>
                <td data-label={t("audit.actor")}>{h.actor.id}</td>
                <td data-label={t("history.versions")}>
                  <code>{short(h.from)}</code> → <code>{short(h.to)}</code>{" "}
                  {h.rollback ? <Badge tone="info">{t("history.rolledBack")}</Badge> : null}
                  {h.to === current ? <Badge tone="ok">{t("history.current")}</Badge> : null}
                </td>
                <td data-label={t("history.comment")}>{h.comment ?? "—"}</td>
                <td data-label={t("history.compare")}>
                  <label className="inline-field">
                    <input
                      type="radio"
                      name="diff-from"
                      checked={pair.from === h.to}
                      onChange={() => setPair((p) => ({ ...p, from: h.to }))}
                    />
                    {t("history.from")}
                  </label>{" "}
                  <label className="inline-field">
                    <input
                      type="radio"
                      name="diff-to"
                      checked={pair.to === h.to}
                      onChange={() => setPair((p) => ({ ...p, to: h.to }))}
                    />
                    {t("history.to")}
                  </label>
                </td>
                <td data-label="">
                  <div className="row-actions">
                    {h.from ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-show-change={h.seq}
                        onClick={() => setPair({ from: h.from!, to: h.to })}
                      >
                        {t("history.showChange")}
                      </button>
                    ) : null}
                    {h.to !== current ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-rollback={h.to}
                        onClick={() => setRollingBack(h.to)}
                      >
                        {t("history.rollbackTo")}
                      </button>
                    ) : null}
                    {/* The newest publish can be undone: its previous version made current. */}
                    {i === 0 && h.from && h.from !== current ? (
                      <button
                        type="button"
                        className="btn btn-small"
                        data-undo={h.from}
                        onClick={() => setRollingBack(h.from!)}
                      >
                        {t("history.undo")}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {pair.from && pair.to && pair.from !== pair.to ? (
        <div className="diff" data-testid="diff">
          <h3>{t("history.diffTitle", { from: short(pair.from), to: short(pair.to) })}</h3>
          {diff.error ? <ErrorBox error={diff.error} /> : null}
          {diff.data && diff.data.hunks.length === 0 ? (
            <p className="muted">{t("history.same")}</p>
          ) : null}
          {diff.data?.hunks.map((hunk, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: hunks have no identity but their place.
            <pre key={i} className="diff-hunk">
              {hunk.lines.map((l, j) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a line's place is its identity.
                <div key={j} className={`diff-${l.op}`}>
                  <span className="diff-no">{l.oldLine ?? ""}</span>
                  <span className="diff-no">{l.newLine ?? ""}</span>
                  <span className="diff-mark">
                    {l.op === "add" ? "+" : l.op === "del" ? "−" : " "}
                  </span>
                  {l.text}
                </div>
              ))}
            </pre>
          ))}
        </div>
      ) : items.length > 0 ? (
        <p className="muted small">{t("history.pickTwo")}</p>
      ) : null}
      {rollingBack ? (
        <ConfirmDialog
          title={t("history.confirmTitle", { hash: short(rollingBack) })}
          body={t("history.confirmBody")}
          confirmLabel={t("history.rollbackTo")}
          busy={busy}
          onConfirm={rollback}
          onCancel={() => setRollingBack(undefined)}
        />
      ) : null}
    </section>
  );
}
