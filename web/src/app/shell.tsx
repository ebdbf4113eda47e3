/** The frame around every page: brand, the signed-in user's navigation, language, sign-out. */
import { type ReactNode, useState } from "react";
import { LangSwitch } from "../components/lang-switch.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { href, navigate, useLocation } from "./router.js";
import { isOperator, type Me, useSession } from "./session.js";

function links(me: Me | null): { to: string; label: MessageKey }[] {
  if (me?.role === "merchant" && me.merchantId) {
    const base = `/merchants/${encodeURIComponent(me.merchantId)}`;
    return [
      { to: `${base}/campaign`, label: "nav.campaign" },
      { to: `${base}/register`, label: "nav.register" },
      { to: `${base}/registrations`, label: "nav.registrations" },
      { to: `${base}/orders`, label: "nav.orders" },
      { to: `${base}/appeals`, label: "nav.appeals" },
      { to: "/venue", label: "nav.venue" },
    ];
  }
  if (isOperator(me)) {
    return [
      { to: "/review", label: "nav.review" },
      { to: "/dashboard", label: "nav.dashboard" },
      { to: "/claims", label: "nav.claims" },
      { to: "/appeals", label: "nav.appealsQueue" },
      { to: "/audit", label: "nav.audit" },
      { to: "/editor", label: "nav.editor" },
      { to: "/venue", label: "nav.venue" },
    ];
  }
  return [{ to: "/venue", label: "nav.venue" }];
}

/** Operators open any merchant's pages by id (what the merchant sees, for support calls). */
function MerchantLookup() {
  const { t } = useI18n();
  const [id, setId] = useState("");
  return (
    <form
      className="merchant-lookup"
      onSubmit={(event) => {
        event.preventDefault();
        if (id.trim()) navigate(`/merchants/${encodeURIComponent(id.trim())}/campaign`);
      }}
    >
      <input
        aria-label={t("nav.lookupMerchant")}
        placeholder={t("nav.lookupMerchant")}
        value={id}
        onChange={(e) => setId(e.target.value)}
      />
    </form>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, signOut } = useSession();
  const { path } = useLocation();
  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href("/")}>
          <span className="brand-mark">G</span>
          {t("app.name")}
        </a>
        <nav className="nav">
          {links(me).map((l) => (
            <a key={l.to} href={href(l.to)} className={path === l.to ? "active" : ""}>
              {t(l.label)}
            </a>
          ))}
        </nav>
        <div className="topbar-right">
          {isOperator(me) ? <MerchantLookup /> : null}
          <LangSwitch />
          {me ? (
            <>
              <span className="whoami" data-testid="whoami">
                {me.username} · {t(`role.${me.role}` as MessageKey)}
              </span>
              <button type="button" className="btn btn-ghost btn-small" onClick={() => signOut()}>
                {t("action.signOut")}
              </button>
            </>
          ) : (
            <a className="btn btn-small" href={href("/")}>
              {t("action.signIn")}
            </a>
          )}
        </div>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
