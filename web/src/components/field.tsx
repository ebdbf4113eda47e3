/**
 * A labelled form control with its error right under it: the server's 400 names fields, and the
 * message belongs next to the field, not in a banner the eye has to map back.
 */
import { type ReactNode, useId } from "react";

interface FieldProps {
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}

export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const messageId = `${id}-msg`;
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? messageId : undefined)}
      {error ? (
        <div className="field-error" id={messageId} role="alert">
          {error}
        </div>
      ) : hint ? (
        <div className="field-hint" id={messageId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}
