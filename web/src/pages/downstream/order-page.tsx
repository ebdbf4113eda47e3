/**
 * One order (订单详情): its facts and every decision about it, corrections included, in time
 * order — where a notification about an order leads.
 */
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { useWords, type WordKey } from "./words.js";

/** The types the timeline has words for (facts and decisions about one order). */
const TIMELINE_TYPES = new Set([
  "order.paid",
  "order.shipped",
  "order.picked_up",
  "order.delivered",
  "refund.requested",
  "violation.recorded",
  "violation.revoked",
  "claim.paid",
  "claim.held",
  "claim.declined",
  "claim.reversed",
  "claim.withdrawn",
  "refund.approved",
  "refund.awaiting_merchant",
  "refund.contradicted",
  "parcel.intercept_required",
]);
/** Decisions that undo an earlier one (contracts.md, "Version 2": corrections). */
const CORRECTIONS = new Set(["violation.revoked", "claim.reversed", "claim.withdrawn"]);

import "./downstream.css";

interface Timeline {
  order: {
    orderId: string;
    productId: string;
    /** The product's title from its current facts (null: its facts have none). */
    title?: string | null;
    amountFen: number;
    paidAt: string;
    shipBy: string;
    shippedAt: string | null;
    trackingNo: string | null;
    carrier: string | null;
    pickedUpAt: string | null;
    deliveredAt: string | null;
  };
  entries: Array<{
    kind: "fact" | "decision";
    type: string;
    at: string;
    decision?: Record<string, unknown>;
    detail?: Record<string, unknown>;
  }>;
}

export function OrderPage({ merchantId, orderId }: { merchantId: string; orderId: string }) {
  const w = useWords();
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const path = campaignPath(
    campaign,
    `/merchants/${encodeURIComponent(merchantId)}/orders/${encodeURIComponent(orderId)}`,
  );
  const r = useResource(() => api.get<Timeline>(path), [path]);
  const o = r.data?.order;
  const at = (v: string | null | undefined) => (v ? formatInstant(v) : "—");
  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading title={"nav.orders"} merchantId={merchantId}>
          <h2 data-testid="order-title">{w("order.title", { id: orderId })}</h2>
        </MerchantHeading>
        <a
          className="btn btn-ghost"
          href={href(`/merchants/${encodeURIComponent(merchantId)}/orders`)}
        >
          {w("order.back")}
        </a>
      </header>
      {r.loading && !r.data ? <Loading /> : null}
      {r.error ? <ErrorBox error={r.error} onRetry={r.reload} /> : null}
      {o ? (
        <section className="card">
          <div className="card-head">
            <h2>{w("order.facts")}</h2>
          </div>
          <dl className="order-facts">
            <dt>{w("order.product")}</dt>
            <dd data-testid="order-product">
              {o.title ? `${o.title} ` : null}
              <code>{o.productId}</code>
            </dd>
            <dt>{w("order.amount")}</dt>
            <dd>{formatFen(o.amountFen)}</dd>
            <dt>{w("order.paidAt")}</dt>
            <dd>{at(o.paidAt)}</dd>
            <dt>{w("order.shipBy")}</dt>
            <dd>{at(o.shipBy)}</dd>
            <dt>{w("order.shippedAt")}</dt>
            <dd>{at(o.shippedAt)}</dd>
            <dt>{w("order.tracking")}</dt>
            <dd>{o.trackingNo ? `${o.trackingNo} ${o.carrier ?? ""}` : "—"}</dd>
            <dt>{w("order.pickedUpAt")}</dt>
            <dd>{at(o.pickedUpAt)}</dd>
            <dt>{w("order.deliveredAt")}</dt>
            <dd>{at(o.deliveredAt)}</dd>
          </dl>
        </section>
      ) : null}
      {r.data ? (
        <section className="card">
          <div className="card-head">
            <h2>{w("order.timeline")}</h2>
          </div>
          <table className="ledger-table" data-testid="order-timeline">
            <tbody>
              {r.data.entries.map((e) => (
                <tr
                  key={`${e.kind}-${e.type}-${e.at}-${JSON.stringify(e.decision ?? e.detail)}`}
                  data-kind={e.kind}
                >
                  <td className="small">{formatInstant(e.at)}</td>
                  <td>
                    <span className={e.kind === "decision" ? "" : "muted"} title={e.type}>
                      {TIMELINE_TYPES.has(e.type) ? w(`timeline.${e.type}` as WordKey) : e.type}
                    </span>
                    {CORRECTIONS.has(e.type) ? (
                      <span className="badge badge-info"> {w("timeline.correction")}</span>
                    ) : null}
                  </td>
                  <td className="small muted">
                    {e.decision && typeof e.decision.amountFen === "number"
                      ? formatFen(e.decision.amountFen)
                      : ""}
                    {e.decision && typeof e.decision.kind === "string"
                      ? ` ${t(`violation.${e.decision.kind}` as MessageKey)}`
                      : ""}
                    {e.decision &&
                    e.type === "violation.revoked" &&
                    typeof e.decision.reason === "string"
                      ? ` · ${t(`violation.revokedBy.${e.decision.reason}` as MessageKey)}`
                      : ""}
                    {e.decision?.reason === "repriced" ? ` · ${w("timeline.repriced")}` : ""}
                    {e.decision && typeof e.decision.revision === "number"
                      ? ` · ${w("timeline.revision", { n: e.decision.revision + 1 })}`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
