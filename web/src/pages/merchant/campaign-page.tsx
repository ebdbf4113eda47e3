/** The merchant's campaign page: windows, benefits, the rules, and its own standing on each. */
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { isOperator, useSession } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { serverNow } from "../../components/countdown.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { exitReasonText, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { Standing } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import { SuspensionsCard } from "../disputes/suspensions-card.js";
import { WithdrawCard } from "../disputes/withdraw-card.js";
import { PickupRateCard } from "./pickup-rate-card.js";
import { ProductRulesList, StandingTable } from "./standing-table.js";
import { WindowsCard } from "./windows-card.js";

export function CampaignPage({ merchantId }: { merchantId: string }) {
  const { t, pick } = useI18n();
  const { campaign } = useCampaign();
  const { me } = useSession();
  const staff = isOperator(me);
  const standing = useResource(
    () =>
      api.get<Standing>(
        campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}/standing`),
      ),
    [campaign.id, merchantId],
  );

  if (standing.error) return <ErrorBox error={standing.error} onRetry={standing.reload} />;
  const s = standing.data;
  // Only the merchant registers its products, and not once it has left the campaign.
  const canRegister = me?.role === "merchant" && s !== undefined && s.exited === null;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{pick(campaign.name)}</h1>
          {campaign.description ? <p className="muted">{pick(campaign.description)}</p> : null}
          {/* An operator reads whose page this is (the merchant reads "my" standing). */}
          {staff ? (
            <p className="muted" data-testid="viewing-merchant">
              {t("merchant.viewing", { id: merchantId })}
            </p>
          ) : null}
        </div>
        {canRegister ? (
          <a
            className="btn btn-primary"
            href={href(`/merchants/${encodeURIComponent(merchantId)}/register`)}
          >
            {t("campaign.registerProducts")}
          </a>
        ) : null}
      </header>
      <div className="grid-2">
        <WindowsCard campaign={campaign} now={serverNow()} />
        <section className="card">
          <h2>{t("campaign.benefits")}</h2>
          <ul className="benefits">
            {campaign.benefits.map((b) => (
              <li key={b.zh}>{pick(b)}</li>
            ))}
          </ul>
        </section>
      </div>
      <section className="card">
        <div className="card-head">
          <h2>{t(staff ? "standing.staffTitle" : "standing.title")}</h2>
          {s ? (
            s.exited ? (
              <Badge tone="bad">{t("standing.exitedBadge")}</Badge>
            ) : s.eligible ? (
              <Badge tone="ok">{t("standing.eligible")}</Badge>
            ) : (
              <Badge tone="bad">{t("standing.notEligible")}</Badge>
            )
          ) : null}
        </div>
        {s?.exited ? (
          <div className="banner banner-bad">
            {t("standing.exited", {
              at: formatInstant(s.exited.at),
              reason: exitReasonText(t, s.exited.reason),
            })}
          </div>
        ) : null}
        {!s ? <Loading /> : null}
        {s && !s.factsKnown ? <div className="banner">{t("standing.noFacts")}</div> : null}
        {s ? <StandingTable rules={s.rules} /> : null}
      </section>
      <div className="grid-2">
        <section className="card">
          <h2>{t("campaign.productRules")}</h2>
          <p className="muted small">{t("campaign.productRulesHint")}</p>
          <ProductRulesList rules={campaign.rules.filter((r) => r.subject === "product")} />
        </section>
        <PickupRateCard merchantId={merchantId} />
      </div>
      <SuspensionsCard merchantId={merchantId} />
      {canRegister ? <WithdrawCard merchantId={merchantId} onWithdrawn={standing.reload} /> : null}
    </div>
  );
}
