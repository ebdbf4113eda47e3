/**
 * The frame around every page: a skip link, brand, the signed-in user's navigation, language,
 * sign-out. On a narrow screen the navigation and the tools fold into a menu button.
 */
import { type ReactNode, useEffect, useState } from "react";
import { LangSwitch } from "../components/lang-switch.js";
import { type MessageKey, useI18n } from "../i18n/index.js";
import { InboxBadge } from "../pages/downstream/inbox-badge.js";
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
      { to: `${base}/ledger`, label: "nav.ledger" },
      { to: `${base}/inbox`, label: "nav.inbox" },
      { to: `${base}/appeals`, label: "nav.appeals" },
      { to: "/venue", label: "nav.venue" },
    ];
  }
  if (isOperator(me)) {
    return [
      { to: "/review", label: "nav.review" },
      { to: "/dashboard", label: "nav.dashboard" },
      { to: "/merchants", label: "nav.merchants" },
      { to: "/orders", label: "nav.allOrders" },
      { to: "/claims", label: "nav.claims" },
      { to: "/finance", label: "nav.finance" },
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
  const [menuOpen, setMenuOpen] = useState(false);
  // A page chosen from the menu closes it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path is the signal.
  useEffect(() => setMenuOpen(false), [path]);
  return (
    <div className="shell">
      {/* A button, not a link: the hash is the router's, so it moves focus itself. */}
      <button
        type="button"
        className="skip-link"
        onClick={() => document.getElementById("main")?.focus()}
      >
        {t("nav.skip")}
      </button>
      <header className={`topbar${menuOpen ? " open" : ""}`}>
        <a className="brand" href={href("/")}>
          <span className="brand-mark">G</span>
          {t("app.name")}
        </a>
        <button
          type="button"
          className="btn btn-ghost menu-button"
          aria-expanded={menuOpen}
          aria-controls="topbar-menu"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">☰</span> {t("nav.menu")}
        </button>
        <div className="topbar-menu" id="topbar-menu">
          <nav className="nav" aria-label={t("nav.main")}>
            {links(me).map((l) => (
              <a
                key={l.to}
                href={href(l.to)}
                className={path === l.to ? "active" : ""}
                aria-current={path === l.to ? "page" : undefined}
              >
                {t(l.label)}
                {l.label === "nav.inbox" && me?.merchantId ? (
                  <InboxBadge merchantId={me.merchantId} />
                ) : null}
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
        </div>
      </header>
      <main className="content" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
