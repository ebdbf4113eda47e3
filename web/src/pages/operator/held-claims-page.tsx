/**
 * Held claims (赔付复核): claims the automatic evaluation sent to a person, e.g. for a high-risk
 * buyer. Paying gives the buyer the policy's compensation; declining needs a reason. The server
 * resolves each claim once, so a second operator's click answers 409 and the list reloads.
 */

import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { PagedTable } from "../../components/paged-table.js";
import { errorText } from "../../components/states.js";
import { Tabs } from "../../components/tabs.js";
import { type MessageKey, useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { HeldClaimRow } from "../../lib/types.js";
import { ClaimStatus } from "../merchant/money-tabs.js";

type Status = "open" | "all";

export function HeldClaimsPage() {
  const { t } = useI18n();
  const { campaign } = useCampaign();
  const [status, setStatus] = useState<Status>("open");
  // Bumped after each resolution: the list starts over with the server's state.
  const [version, setVersion] = useState(0);
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t("nav.claims")}</h1>
      </header>
      <p className="muted">{t("heldClaims.intro")}</p>
      <Tabs
        names={["open", "all"] as const}
        selected={status}
        onSelect={setStatus}
        label={(name) => t(`heldClaims.${name}` as MessageKey)}
      />
      <section className="card">
        <PagedTable<HeldClaimRow>
          key={`${status}/${version}`}
          path={campaignPath(campaign, "/claims/held")}
          query={{ status }}
          rowKey={(c) => `${c.orderId}/${c.kind}`}
          rowHeight={60}
          empty={t("heldClaims.none")}
          testId="held-claims"
          columns={[
            {
              key: "held",
              width: "1.3fr",
              header: t("heldClaims.heldAt"),
              render: (c) => formatInstant(c.heldAt),
            },
            {
              key: "order",
              width: "1.3fr",
              header: t("order.id"),
              render: (c) => (
                <span>
                  <code>{c.orderId}</code>
                  <br />
                  <span className="muted small">{t(`violation.${c.kind}` as MessageKey)}</span>
                </span>
              ),
            },
            {
              key: "who",
              width: "1.2fr",
              header: t("heldClaims.parties"),
              render: (c) => (
                <span className="small">
                  {t("heldClaims.merchant")} <code>{c.merchantId ?? "—"}</code>
                  <br />
                  {t("claim.buyer")} <code>{c.buyerId}</code> ·{" "}
                  {t(`claim.reason.${c.reason}` as MessageKey)}
                </span>
              ),
            },
            {
              key: "amounts",
              width: "1.1fr",
              header: t("heldClaims.payable"),
              render: (c) => (
                <span>
                  {formatFen(c.payableFen)}
                  <br />
                  <span className="muted small">
                    {t("heldClaims.orderAmount")} {formatFen(c.orderAmountFen)}
                  </span>
                </span>
              ),
            },
            {
              key: "resolve",
              width: "3fr",
              header: t("heldClaims.action"),
              render: (c) =>
                c.resolution ? (
                  <ClaimStatus claim={c.resolution} />
                ) : (
                  <ResolveClaim
                    claim={c}
                    path={campaignPath(
                      campaign,
                      `/claims/held/${encodeURIComponent(c.orderId)}/${encodeURIComponent(c.kind)}`,
                    )}
                    onResolved={() => setVersion((v) => v + 1)}
                  />
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}

function ResolveClaim(props: { claim: HeldClaimRow; path: string; onResolved: () => void }) {
  const { t, pick } = useI18n();
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // Paying cannot be undone: the first click asks, the second pays.
  const [confirming, setConfirming] = useState(false);

  async function resolve(decision: "pay" | "decline") {
    if (decision === "decline" && !reason.trim()) {
      setError(t("heldClaims.reasonRequired"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const body = decision === "pay" ? { decision } : { decision, reason: reason.trim() };
      await api.post(props.path, body);
      props.onResolved();
    } catch (cause) {
      setError(errorText(cause, { t, pick }));
      setBusy(false);
    }
  }

  const id = props.claim.orderId;
  return (
    <div className="resolve-claim">
      <button
        type="button"
        className="btn btn-primary"
        data-testid={`pay-${id}`}
        disabled={busy}
        // The second click of a double-click (detail 2) does not confirm: paying takes two
        // separate clicks.
        onClick={(e) => {
          if (!confirming) setConfirming(true);
          else if (e.detail <= 1) void resolve("pay");
        }}
        onBlur={() => setConfirming(false)}
      >
        {t(confirming ? "heldClaims.confirmPay" : "heldClaims.pay", {
          amount: formatFen(props.claim.payableFen),
        })}
      </button>
      <input
        className="resolve-reason"
        aria-label={t("heldClaims.reason")}
        placeholder={t("heldClaims.reason")}
        data-testid={`reason-${id}`}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <button
        type="button"
        className="btn btn-danger"
        data-testid={`decline-${id}`}
        disabled={busy}
        onClick={() => resolve("decline")}
      >
        {t("heldClaims.decline")}
      </button>
      {error ? (
        <span className="form-error small" role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
