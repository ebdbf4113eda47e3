/**
 * Asks before something that changes the campaign for everyone (publish, roll back), and why:
 * the comment is required and goes to the audit log. A modal dialog: Esc or Cancel closes it.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Field } from "../../components/field.js";
import { useI18n } from "../../i18n/index.js";

interface Props {
  title: string;
  body: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: (comment: string) => void;
  onCancel: () => void;
}

export function ConfirmDialog(props: Props) {
  const { t } = useI18n();
  const titleId = useId();
  const [comment, setComment] = useState("");
  const [missing, setMissing] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <div className="drawer-layer">
      <button
        type="button"
        className="drawer-backdrop"
        aria-label={t("action.close")}
        tabIndex={-1}
        onClick={props.onCancel}
      />
      <div
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="confirm-dialog"
        onKeyDown={(e) => {
          if (e.key === "Escape") props.onCancel();
        }}
      >
        <h2 id={titleId}>{props.title}</h2>
        <p>{props.body}</p>
        <Field
          label={t("editor.comment")}
          error={missing ? t("editor.commentRequired") : undefined}
        >
          {(id, describedBy) => (
            <textarea
              ref={input}
              id={id}
              aria-describedby={describedBy}
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              placeholder={t("editor.commentHint")}
            />
          )}
        </Field>
        <div className="actions">
          <button type="button" className="btn" onClick={props.onCancel}>
            {t("action.cancel")}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={props.busy}
            data-testid="confirm"
            onClick={() => {
              if (!comment.trim()) {
                setMissing(true);
                input.current?.focus();
              } else props.onConfirm(comment.trim());
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
