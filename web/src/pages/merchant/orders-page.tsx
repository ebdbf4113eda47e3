/**
 * During the activity: the merchant's orders with ship-by countdowns, its violations, the claims
 * paid to buyers, instant refunds, and each product's venue weight. One tab per list.
 */

import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { Tabs } from "../../components/tabs.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { formatInstant } from "../../lib/format.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { ClaimsTab, RefundsTab } from "./money-tabs.js";
import { OrdersTab } from "./orders-tab.js";
import { ViolationsTab, WeightsTab } from "./standing-tabs.js";

const TABS = ["orders", "violations", "claims", "refunds", "weights"] as const;
type Tab = (typeof TABS)[number];

export function OrdersPage({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const [tab, setTab] = useState<Tab>("orders");
  const now = useServerNow(campaign.id);
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}`);
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
        {tab === "orders" ? <OrdersTab base={base} now={now} /> : null}
        {tab === "violations" ? <ViolationsTab base={base} /> : null}
        {tab === "claims" ? <ClaimsTab base={base} /> : null}
        {tab === "refunds" ? <RefundsTab base={base} /> : null}
        {tab === "weights" ? <WeightsTab base={base} /> : null}
      </section>
    </div>
  );
}
