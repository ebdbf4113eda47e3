/** The three states every list and page has besides "here is the data". */
import { useI18n } from "../i18n/index.js";
import { ApiError } from "../lib/api.js";

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ?? t("state.loading")}
    </div>
  );
}

export function Empty({ children }: { children?: React.ReactNode }) {
  const { t } = useI18n();
  return <div className="state state-empty">{children ?? t("state.empty")}</div>;
}

type Words = Pick<ReturnType<typeof useI18n>, "t" | "pick">;

export function errorText(error: unknown, { t, pick }: Words): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t("error.network");
    if (error.status === 401) return t("error.unauthorized");
    if (error.status === 403) return t("error.forbidden");
    if (error.status === 404) return t("error.notFound");
    if (error.status === 429) return t("error.tooManyAttempts");
    // The server's bilingual words (registration window closed, merchant left), in the page's language.
    if (error.localized) return pick(error.localized);
    return error.message || t("error.generic");
  }
  return error instanceof Error ? error.message : t("error.generic");
}

export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, pick } = useI18n();
  const forbidden = error instanceof ApiError && error.status === 403;
  return (
    <div className={`state state-error${forbidden ? " state-forbidden" : ""}`} role="alert">
      <strong>{forbidden ? t("error.forbiddenTitle") : t("error.title")}</strong>
      <span>{errorText(error, { t, pick })}</span>
      {onRetry && !forbidden ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          {t("action.retry")}
        </button>
      ) : null}
    </div>
  );
}
