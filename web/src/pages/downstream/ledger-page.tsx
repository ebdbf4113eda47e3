/**
 * A merchant's deposit and claims (保证金与赔付): the sums, every claim decision with its effect
 * on the deposit and the balance after it, and the merchant's own CSV exports.
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { api } from "../../lib/api.js";
import { useResource } from "../../lib/use-resource.js";
import { ExportButtons } from "./export-buttons.js";
import { LedgerLines, LedgerStats } from "./ledger-view.js";
import type { LedgerLine, MerchantLedger } from "./types.js";
import { useWords } from "./words.js";
import "./downstream.css";

export function LedgerPage({ merchantId }: { merchantId: string }) {
  const w = useWords();
  const { campaign } = useCampaign();
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}`);
  const first = useResource(
    () => api.get<MerchantLedger>(`${base}/ledger`, { limit: 500 }),
    [base],
  );
  const [more, setMore] = useState<LedgerLine[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;
  const loadMore = async () => {
    if (!next) return;
    const page = await api.get<MerchantLedger>(`${base}/ledger`, { limit: 500, cursor: next });
    setMore((m) => [...m, ...page.lines]);
    setCursor(page.nextCursor);
  };
  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading title={"nav.ledger"} merchantId={merchantId}>
          <p className="muted">{w("ledger.intro")}</p>
        </MerchantHeading>
      </header>
      {first.loading && !first.data ? <Loading /> : null}
      {first.error ? <ErrorBox error={first.error} onRetry={first.reload} /> : null}
      {first.data ? <LedgerStats totals={first.data.totals} /> : null}
      <section className="card">
        <div className="card-head">
          <h2>{w("ledger.lines")}</h2>
        </div>
        {first.data ? (
          <LedgerLines lines={[...first.data.lines, ...more]} merchantId={merchantId} />
        ) : null}
        {next ? (
          <button type="button" className="btn btn-ghost btn-block" onClick={loadMore}>
            {w("inbox.more")}
          </button>
        ) : null}
      </section>
      <ExportButtons listPath={`${base}/exports`} title={w("exports.mine")} />
    </div>
  );
}
