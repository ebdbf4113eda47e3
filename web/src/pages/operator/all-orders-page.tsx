/** Every order of the campaign for an operator, most urgent first, by state, searched. */
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { navigate, useLocation } from "../../app/router.js";
import { useI18n } from "../../i18n/index.js";
import type { OrderState } from "../../lib/types.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { ORDER_STATES, OrdersBoard } from "../orders/orders-board.js";

export function AllOrdersPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const now = useServerNow(campaign.id);
  const { query } = useLocation();
  const asked = query.get("state") as OrderState | null;
  const state = asked && ORDER_STATES.includes(asked) ? asked : "all";
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("orders.allTitle")}</h1>
      </header>
      <section className="card">
        <OrdersBoard
          path={campaignPath(campaign, "/orders/triage")}
          now={now}
          state={state}
          showMerchant
          onState={(s) => navigate(s === "all" ? "/orders" : `/orders?state=${s}`)}
        />
      </section>
    </div>
  );
}
