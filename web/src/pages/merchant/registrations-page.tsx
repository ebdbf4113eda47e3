/** The merchant's registrations: review state, the 72 h review SLA, and every reason. */
import { useCallback, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { useSession } from "../../app/session.js";
import { Deadline } from "../../components/countdown.js";
import { FailureList } from "../../components/failure-list.js";
import { ListCount } from "../../components/list-count.js";
import { ListStates } from "../../components/list-states.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { ProductCell } from "../../components/product-cell.js";
import { StateBadge } from "../../components/state-badge.js";
import { type Column, VirtualTable } from "../../components/virtual-table.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import type { Registration } from "../../lib/types.js";
import { type Page, usePaged } from "../../lib/use-paged.js";
import { useServerNow } from "../../lib/use-server-now.js";
import { StateFilter } from "./state-filter.js";

export function RegistrationsPage({ merchantId }: { merchantId: string }) {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const merchantItself = useSession().me?.role === "merchant";
  // The server's clock may run faster than real time (the demo runs at 60×): re-read it.
  const now = useServerNow(campaign.id);
  const [state, setState] = useState("");
  const mid = encodeURIComponent(merchantId);
  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.get<Page<Registration>>(campaignPath(campaign, `/merchants/${mid}/registrations`), {
        cursor,
        state,
        limit: 200,
      }),
    [campaign, mid, state],
  );
  const list = usePaged(fetchPage, `${campaign.id}/${mid}/${state}`);

  // Among the rows loaded: which product replaced which (the replacement names what it
  // replaces). Only a replacement in review or approved counts: one that failed the rules did
  // not replace anything yet.
  const replacedBy = new Map(
    list.rows.flatMap((r) =>
      r.replacesProductId && (r.state === "pending_review" || r.state === "approved")
        ? [[r.replacesProductId, r.productId]]
        : [],
    ),
  );
  const columns: Column<Registration>[] = [
    {
      key: "product",
      width: "2.4fr",
      header: t("product.title"),
      render: (r) => <ProductCell title={r.title} productId={r.productId} />,
    },
    {
      key: "state",
      width: "1fr",
      header: t("registration.state"),
      render: (r) => <StateBadge state={r.state} />,
    },
    {
      key: "at",
      width: "1.4fr",
      header: t("registration.registeredAt"),
      render: (r) => formatInstant(r.registeredAt),
    },
    {
      key: "sla",
      width: "1.8fr",
      header: t("registration.reviewSla"),
      render: (r) => (
        <Deadline
          due={r.state === "pending_review" ? r.reviewDueAt : null}
          now={now}
          doneLabel={
            r.reviewedAt
              ? t("registration.reviewedAt", { at: formatInstant(r.reviewedAt) })
              : undefined
          }
        />
      ),
    },
    {
      key: "why",
      width: "3fr",
      header: t("registration.reasons"),
      render: (r) => (
        <div>
          {r.reviewReason ? <div className="reason">{r.reviewReason}</div> : null}
          <FailureList failures={r.failures} />
          {r.replacesProductId ? (
            <div className="muted small">
              {t("registration.replaces", { productId: r.replacesProductId })}
            </div>
          ) : null}
          {replacedBy.has(r.productId) ? (
            <div className="muted small">
              {t("registration.replacedBy", { productId: replacedBy.get(r.productId)! })}
            </div>
          ) : null}
          {/* review.resubmit: a product rejected at review is replaced by others, not re-sent. */}
          {merchantItself && r.state === "rejected_at_review" && !replacedBy.has(r.productId) ? (
            <a
              className="btn btn-small"
              data-testid={`replace-${r.productId}`}
              href={href(`/merchants/${mid}/register?replaces=${encodeURIComponent(r.productId)}`)}
            >
              {t("registration.replace")}
            </a>
          ) : null}
        </div>
      ),
    },
  ];

  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading
          title="nav.registrations"
          staffTitle="registrations.staffTitle"
          merchantId={merchantId}
        />
      </header>
      <section className="card">
        <div className="toolbar">
          <StateFilter value={state} onChange={setState} />
          <ListCount list={list} />
        </div>
        <ListStates list={list} empty={t("registration.none")} />
        {list.rows.length > 0 ? (
          <VirtualTable
            columns={columns}
            rows={list.rows}
            rowKey={(r) => r.id}
            rowHeight={64}
            onEndReached={list.loadMore}
            testId="registrations"
          />
        ) : null}
      </section>
    </div>
  );
}
