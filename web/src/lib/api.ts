/**
 * The one door to the server. The console calls the same `/api/v1/...` routes as integrations,
 * authenticated by the session cookie instead of a bearer token. Mutating requests carry the
 * CSRF token (double submit: the server sets a readable `gala_csrf` cookie, we echo it in a
 * header that a cross-site form cannot set).
 */

export const CSRF_COOKIE = "gala_csrf";
export const CSRF_HEADER = "x-csrf-token";

/** A field error as the server reports it: a path into the request body and a message. */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    /** The server's own words in both languages, when it gives them (`details.message`). */
    readonly localized?: { zh: string; en: string },
  ) {
    super(message);
  }
  /** The message for one field, matched on the last segment of its path ("body.username" → username). */
  fieldError(name: string): string | undefined {
    return this.fields.find((f) => f.path === name || f.path.split(".").pop() === name)?.message;
  }
}

function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split(";")) {
    const [key, ...rest] = pair.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

interface ErrorBody {
  error?: {
    code?: string;
    message?: string;
    fields?: FieldError[];
    issues?: FieldError[];
    details?: { message?: unknown };
  };
  code?: string;
  message?: string;
}

async function toError(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page): fall back to the status line.
  }
  const error = body.error ?? body;
  const fields = ("fields" in error && error.fields) || ("issues" in error && error.issues) || [];
  const said = "details" in error ? error.details?.message : undefined;
  const localized =
    typeof said === "object" &&
    said !== null &&
    typeof (said as { zh?: unknown }).zh === "string" &&
    typeof (said as { en?: unknown }).en === "string"
      ? (said as { zh: string; en: string })
      : undefined;
  return new ApiError(
    response.status,
    error.code ?? `http_${response.status}`,
    error.message ?? response.statusText,
    Array.isArray(fields) ? fields : [],
    localized,
  );
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET") {
    const csrf = readCookie(CSRF_COOKIE);
    if (csrf) headers[CSRF_HEADER] = csrf;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    throw new ApiError(0, "network", cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) throw await toError(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>("GET", withQuery(path, query)),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>("PUT", path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>("PATCH", path, body ?? {}),
  del: <T>(path: string) => request<T>("DELETE", path),
};
