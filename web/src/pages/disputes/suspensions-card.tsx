/**
 * The merchant's products suspended from the venue (持续合规): which product, since when, every
 * rule it no longer meets with the rule's own message (what it is, what is required), and how to
 * fix it — a product setting the merchant controls is one click (the product comes back as soon
 * as the server judges it again), platform data is corrected upstream.
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { useSession } from "../../app/session.js";
import { Badge } from "../../components/badge.js";
import { Empty, ErrorBox, errorText, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import type { Suspension } from "../../lib/dispute-types.js";
import { formatInstant } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { fixFor } from "../merchant/fixes.js";
import "./disputes.css";

export function SuspensionsCard({ merchantId }: { merchantId: string }) {
  const { t, pick } = useI18n();
  const { campaign } = useCampaign();
  const { me } = useSession();
  const [fixing, setFixing] = useState<string>();
  const [error, setError] = useState<string>();
  const list = useResource(
    () =>
      api.get<{ items: Suspension[] }>(
        campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}/suspensions`),
      ),
    [campaign.id, merchantId],
  );
  const own = me?.role === "merchant";

  async function fix(productId: string, rule: string) {
    const patch = fixFor(rule);
    if (!patch) return;
    setFixing(`${productId}/${rule}`);
    setError(undefined);
    try {
      await api.patch(
        `/api/v1/merchants/${encodeURIComponent(merchantId)}/products/${encodeURIComponent(productId)}/settings`,
        patch,
      );
      list.reload();
    } catch (cause) {
      setError(errorText(cause, { t, pick }));
    } finally {
      setFixing(undefined);
    }
  }

  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  const items = list.data?.items;
  return (
    <section className="card" data-testid="suspensions">
      <div className="card-head">
        <h2>{t("suspension.title")}</h2>
        {items && items.length > 0 ? <Badge tone="bad">{items.length}</Badge> : null}
      </div>
      <p className="muted small">{t("suspension.intro")}</p>
      {!items ? <Loading /> : null}
      {items && items.length === 0 ? <Empty>{t("suspension.none")}</Empty> : null}
      {error ? (
        <div className="form-error" role="alert">
          {error}
        </div>
      ) : null}
      {items?.map((s) => (
        <div className="suspension" key={s.productId} data-product={s.productId}>
          <div>
            <strong>{s.title ?? s.productId}</strong>{" "}
            <code className="muted small">{s.productId}</code>{" "}
            <Badge tone="bad">{t("suspension.since", { at: formatInstant(s.suspendedAt) })}</Badge>
          </div>
          <ul className="failures">
            {s.failures.map((f) => (
              <li key={f.rule} className="suspension-failure">
                <strong>{f.title ? pick(f.title) : f.rule}</strong>: {pick(f.message)}
                <div className="small">
                  {f.subject === "product" && fixFor(f.rule) && own ? (
                    <button
                      type="button"
                      className="btn btn-small btn-primary"
                      data-testid={`fix-suspension-${s.productId}`}
                      disabled={fixing !== undefined}
                      onClick={() => void fix(s.productId, f.rule)}
                    >
                      {t(
                        fixing === `${s.productId}/${f.rule}`
                          ? "suspension.fixed"
                          : "suspension.fixProduct",
                      )}
                    </button>
                  ) : f.subject === "merchant" ? (
                    <span className="muted">{t("suspension.upstream")}</span>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}
