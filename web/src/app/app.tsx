/** Top level: sign-in gate, then the page for the current hash route inside the shell. */

import { Loading } from "../components/states.js";
import { useI18n } from "../i18n/index.js";
import { LoginPage } from "../pages/login-page.js";
import { CampaignProvider } from "./campaign.js";
import { match, navigate, useLocation } from "./router.js";
import { routes } from "./routes.js";
import { homeFor, useSession } from "./session.js";
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
