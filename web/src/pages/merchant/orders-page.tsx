/**
 * During the activity: the merchant's orders with ship-by countdowns, its violations, the claims
 * paid to buyers, instant refunds, and each product's venue weight. One tab per list.
 */

import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { navigate, useLocation } from "../../app/router.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { Tabs } from "../../components/tabs.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import type { OrderState } from "../../lib/types.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { ORDER_STATES, OrdersBoard } from "../orders/orders-board.js";
import { ClaimsTab, RefundsTab } from "./money-tabs.js";
import { ViolationsTab, WeightsTab } from "./standing-tabs.js";

const TABS = ["orders", "violations", "claims", "refunds", "weights"] as const;
type Tab = (typeof TABS)[number];

export function OrdersPage({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const [tab, setTab] = useState<Tab>("orders");
  const now = useServerNow(campaign.id);
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}`);
  // The state filter is in the URL, so a link can open the orders to ship or the refunds waiting.
  const { query } = useLocation();
  const asked = query.get("state") as OrderState | null;
  const state = asked && ORDER_STATES.includes(asked) ? asked : "all";
  const page = `/merchants/${encodeURIComponent(merchantId)}/orders`;
  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading title="nav.orders" merchantId={merchantId} />
        <span className="muted small" data-testid="server-now">
          {t("orders.serverNow", {
            at: formatInstant(now),
            zone: campaign.timeZone === "Asia/Shanghai" ? t("zone.beijing") : campaign.timeZone,
          })}
        </span>
      </header>
      <Tabs
        names={TABS}
        selected={tab}
        onSelect={setTab}
        label={(name) => t(`orders.tab.${name}` as MessageKey)}
      />
      <section className="card">
        {tab === "orders" ? (
          <OrdersBoard
            path={`${base}/orders/triage`}
            refundsPath={`${base}/refunds`}
            now={now}
            state={state}
            onState={(s) => navigate(s === "all" ? page : `${page}?state=${s}`)}
          />
        ) : null}
        {tab === "violations" ? <ViolationsTab base={base} /> : null}
        {tab === "claims" ? <ClaimsTab base={base} /> : null}
        {tab === "refunds" ? <RefundsTab base={base} /> : null}
        {tab === "weights" ? <WeightsTab base={base} /> : null}
      </section>
    </div>
  );
}
