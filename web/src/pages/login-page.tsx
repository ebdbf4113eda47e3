/** Sign-in: username and password; the server's field errors show under each field. */
import { type FormEvent, useState } from "react";
import { navigate } from "../app/router.js";
import { homeFor, useSession } from "../app/session.js";
import { Field } from "../components/field.js";
import { LangSwitch } from "../components/lang-switch.js";
import { errorText } from "../components/states.js";
import { useI18n } from "../i18n/index.js";
import { ApiError } from "../lib/api.js";

export function LoginPage() {
  const { t, pick } = useI18n();
  const { signIn } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [local, setLocal] = useState<{ username?: string; password?: string }>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing = {
      username: username.trim() ? undefined : t("login.usernameRequired"),
      password: password ? undefined : t("login.passwordRequired"),
    };
    setLocal(missing);
    if (missing.username || missing.password) return;
    setBusy(true);
    setError(undefined);
    try {
      const me = await signIn(username.trim(), password);
      navigate(homeFor(me));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const apiError = error instanceof ApiError ? error : undefined;
  const bad = apiError?.status === 401;
  return (
    <div className="login">
      <div className="login-top">
        <LangSwitch />
      </div>
      <form className="card login-card" onSubmit={submit} noValidate>
        <h1>
          <span className="brand-mark">G</span> {t("app.name")}
        </h1>
        <p className="muted">{t("login.subtitle")}</p>
        <Field
          label={t("login.username")}
          error={local.username ?? apiError?.fieldError("username")}
        >
          {(id, describedBy) => (
            <input
              id={id}
              name="username"
              autoComplete="username"
              aria-describedby={describedBy}
              value={username}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t("login.password")}
          error={local.password ?? apiError?.fieldError("password")}
        >
          {(id, describedBy) => (
            <input
              id={id}
              name="password"
              type="password"
              autoComplete="current-password"
              aria-describedby={describedBy}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {error && !apiError?.fields.length ? (
          <div className="form-error" role="alert">
            {bad ? t("login.failed") : errorText(error, { t, pick })}
          </div>
        ) : null}
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? t("state.working") : t("action.signIn")}
        </button>
      </form>
    </div>
  );
}
