/**
 * Approve or reject the selected registrations at once. A rejection needs a reason: the merchant
 * reads it on its registrations page and picks other products (review.resubmit).
 */
import { useState } from "react";
import { Field } from "../../components/field.js";
import { errorText } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { ApiError } from "../../lib/api.js";

interface Props {
  count: number;
  onDecide: (decision: "approve" | "reject", reason: string) => Promise<void>;
}

export function BulkReviewBar({ count, onDecide }: Props) {
  const { t, pick } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<unknown>();

  async function decide(decision: "approve" | "reject") {
    if (decision === "reject" && !reason.trim()) {
      setReasonError(t("queue.reasonRequired"));
      return;
    }
    setReasonError(undefined);
    setError(undefined);
    setBusy(true);
    try {
      await onDecide(decision, reason.trim());
      setReason("");
    } catch (cause) {
      const field = cause instanceof ApiError ? cause.fieldError("reason") : undefined;
      if (field) setReasonError(field);
      else setError(cause);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="bulk-bar">
      <span>{t("queue.selected", { n: count })}</span>
      <button
        type="button"
        className="btn btn-primary"
        data-testid="approve-selected"
        disabled={!count || busy}
        onClick={() => decide("approve")}
      >
        {t("queue.approve")}
      </button>
      <Field label={t("queue.rejectReason")} error={reasonError}>
        {(id, describedBy) => (
          <input
            id={id}
            aria-describedby={describedBy}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t("queue.rejectReasonHint")}
          />
        )}
      </Field>
      <button
        type="button"
        className="btn btn-danger"
        data-testid="reject-selected"
        disabled={!count || busy}
        onClick={() => decide("reject")}
      >
        {t("queue.reject")}
      </button>
      {error ? (
        <span className="form-error" role="alert">
          {errorText(error, { t, pick })}
        </span>
      ) : null}
    </div>
  );
}
