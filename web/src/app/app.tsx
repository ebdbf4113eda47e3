/** Top level: sign-in gate, then the page for the current hash route inside the shell. */

import { ErrorBox, Loading } from "../components/states.js";
import { useI18n } from "../i18n/index.js";
import { ApiError } from "../lib/api.js";
import { LoginPage } from "../pages/login-page.js";
import { CampaignProvider } from "./campaign.js";
import { match, navigate, useLocation } from "./router.js";
import { type RouteDef, routes } from "./routes.js";
import { homeFor, type Me, useSession } from "./session.js";
import { Shell } from "./shell.js";

export function App() {
  const { me, checking } = useSession();
  const { path } = useLocation();
  const { t } = useI18n();

  if (checking) return <Loading />;
  if (!me) return <LoginPage />;

  for (const route of routes) {
    const params = match(route.pattern, path);
    if (params) {
      document.title = `${t(route.title)} · Gala`;
      if (!mayOpen(route, params, me)) {
        // The server would answer 403 to every read; say so at once rather than draw the page.
        return (
          <Shell>
            <ErrorBox error={new ApiError(403, "forbidden", "")} />
          </Shell>
        );
      }
      return (
        <Shell>
          <CampaignProvider>{route.render(params)}</CampaignProvider>
        </Shell>
      );
    }
  }
  if (me) queueMicrotask(() => navigate(homeFor(me)));
  return <Loading />;
}

/** The server's rule, mirrored: a role the route admits, and a merchant only on its own pages. */
function mayOpen(route: RouteDef, params: Record<string, string>, me: Me): boolean {
  if (route.roles !== "any" && !route.roles.includes(me.role)) return false;
  if (me.role === "merchant" && params.merchantId !== undefined) {
    return params.merchantId === me.merchantId;
  }
  return true;
}
