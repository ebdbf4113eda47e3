/**
 * The merchant's appeal against one violation: why, and the evidence it has (the carrier's
 * tracking number, the real pickup time, notes). The server checks the window and that no
 * appeal is open; its refusal shows here in the page's language.
 */
import { useState } from "react";
import { Field } from "../../components/field.js";
import { errorText } from "../../components/states.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { ApiError, api } from "../../lib/api.js";
import type { Appeal, ViolationEvent } from "../../lib/dispute-types.js";
import { formatInstant } from "../../lib/format.js";

/** `2024-02-11 08:00` in Beijing time → ISO with the offset the server wants; null if not a time. */
export function beijingIso(text: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:00+08:00`;
  return Number.isNaN(Date.parse(iso)) ? null : iso;
}

export function AppealForm(props: {
  path: string;
  violation: ViolationEvent;
  onFiled: (appeal: Appeal) => void;
  onCancel: () => void;
}) {
  const { t, pick } = useI18n();
  const [reason, setReason] = useState("");
  const [trackingNo, setTrackingNo] = useState("");
  const [carrier, setCarrier] = useState("");
  const [pickedUpAt, setPickedUpAt] = useState("");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const v = props.violation;

  async function submit() {
    const found: Record<string, string> = {};
    if (!reason.trim()) found.reason = t("appeal.reasonRequired");
    const pickup = pickedUpAt.trim() ? beijingIso(pickedUpAt) : undefined;
    if (pickup === null) found.pickedUpAt = t("appeal.pickedUpAtInvalid");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const evidence = Object.fromEntries(
      Object.entries({ trackingNo, carrier, note, pickedUpAt: pickup ?? "" })
        .map(([k, value]) => [k, value.trim()])
        .filter(([, value]) => value !== ""),
    );
    setBusy(true);
    setFailure(undefined);
    try {
      const appeal = await api.post<Appeal>(props.path, {
        orderId: v.orderId,
        kind: v.kind,
        reason: reason.trim(),
        ...(Object.keys(evidence).length > 0 ? { evidence } : {}),
      });
      props.onFiled(appeal);
    } catch (cause) {
      if (cause instanceof ApiError && cause.fields.length > 0) {
        setErrors(
          Object.fromEntries(cause.fields.map((f) => [f.path.split(".").pop()!, f.message])),
        );
      }
      setFailure(errorText(cause, { t, pick }));
      setBusy(false);
    }
  }

  return (
    <form
      className="card appeal-form"
      data-testid="appeal-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>
        {t("appeal.fileTitle", {
          orderId: v.orderId,
          kind: t(`violation.${v.kind}` as MessageKey),
        })}
      </h3>
      <p className="muted small">{formatInstant(v.at)}</p>
      <Field label={t("appeal.reason")} error={errors.reason}>
        {(id, describedBy) => (
          <textarea
            id={id}
            aria-describedby={describedBy}
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        )}
      </Field>
      <div className="grid-2">
        <Field label={t("appeal.trackingNo")}>
          {(id) => (
            <input id={id} value={trackingNo} onChange={(e) => setTrackingNo(e.target.value)} />
          )}
        </Field>
        <Field label={t("appeal.carrier")}>
          {(id) => <input id={id} value={carrier} onChange={(e) => setCarrier(e.target.value)} />}
        </Field>
        <Field
          label={t("appeal.pickedUpAt")}
          hint={t("appeal.pickedUpAtHint")}
          error={errors.pickedUpAt}
        >
          {(id, describedBy) => (
            <input
              id={id}
              aria-describedby={describedBy}
              placeholder="2024-02-11 08:00"
              value={pickedUpAt}
              onChange={(e) => setPickedUpAt(e.target.value)}
            />
          )}
        </Field>
        <Field label={t("appeal.note")}>
          {(id) => <input id={id} value={note} onChange={(e) => setNote(e.target.value)} />}
        </Field>
      </div>
      {failure ? (
        <div className="form-error" role="alert">
          {failure}
        </div>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={busy}
          data-testid="appeal-submit"
        >
          {t("appeal.submit")}
        </button>
        <button type="button" className="btn btn-ghost" onClick={props.onCancel}>
          {t("appeal.cancel")}
        </button>
      </div>
    </form>
  );
}
