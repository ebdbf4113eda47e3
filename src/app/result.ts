/**
 * Expected failures of a use case are values, mapped to HTTP statuses at the edge:
 * invalid → 400, forbidden → 403, not_found → 404, conflict → 409, unprocessable → 422.
 */
export type FailureKind = "invalid" | "forbidden" | "not_found" | "conflict" | "unprocessable";

export interface AppFailure {
  kind: FailureKind;
  /** Stable machine code, e.g. `registration_window_closed`. */
  code: string;
  message: string;
  /** Structured specifics: the ids concerned, the window, the refusal… */
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; failure: AppFailure };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (
  kind: FailureKind,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): { ok: false; failure: AppFailure } => ({
  ok: false,
  failure: details === undefined ? { kind, code, message } : { kind, code, message, details },
});
