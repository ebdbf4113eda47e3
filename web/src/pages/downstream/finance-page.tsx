/**
 * Finance (财务对账), for operators: each merchant's claims paid and given back and the deposit
 * balance they leave, with the campaign's sums; each merchant opens its ledger. Below, the
 * campaign's CSV exports.
 */
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { api } from "../../lib/api.js";
import { formatFen } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { ExportButtons } from "./export-buttons.js";
import type { CampaignLedger } from "./types.js";
import { useWords } from "./words.js";
import "./downstream.css";

export function FinancePage() {
  const w = useWords();
  const { campaign } = useCampaign();
  const ledger = useResource(
    () => api.get<CampaignLedger>(campaignPath(campaign, "/ledger")),
    [campaign.id],
  );
  const fen = (v: number | null) => (v === null ? w("ledger.unknown") : formatFen(v));
  const d = ledger.data;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{w("finance.title")}</h1>
          <p className="muted">{w("finance.intro")}</p>
        </div>
      </header>
      <section className="card">
        {ledger.loading && !d ? <Loading /> : null}
        {ledger.error ? <ErrorBox error={ledger.error} onRetry={ledger.reload} /> : null}
        {d && d.merchants.length === 0 ? <p className="muted">{w("finance.none")}</p> : null}
        {d && d.merchants.length > 0 ? (
          // Six columns do not fit a phone: the table scrolls inside its card, not the page.
          <div className="table-scroll">
            <table className="ledger-table" data-testid="finance-ledger">
              <thead>
                <tr>
                  <th>{w("finance.merchant")}</th>
                  <th className="num">{w("ledger.deposit")}</th>
                  <th className="num">{w("finance.paid")}</th>
                  <th className="num">{w("finance.reversed")}</th>
                  <th className="num">{w("ledger.waiting")}</th>
                  <th className="num">{w("ledger.balance")}</th>
                </tr>
              </thead>
              <tbody>
                {d.merchants.map((m) => (
                  <tr key={m.merchantId} data-testid="finance-row">
                    <td>
                      <a href={href(`/merchants/${encodeURIComponent(m.merchantId)}/ledger`)}>
                        <code>{m.merchantId}</code>
                      </a>
                    </td>
                    <td className="num">{fen(m.depositFen)}</td>
                    <td className="num money-out">
                      {formatFen(m.paidFen)} <span className="muted small">×{m.paidCount}</span>
                    </td>
                    <td className="num money-in">
                      {formatFen(m.reversedFen)}{" "}
                      <span className="muted small">×{m.reversedCount}</span>
                    </td>
                    <td className="num">{m.waitingCount}</td>
                    <td className="num">{fen(m.balanceFen)}</td>
                  </tr>
                ))}
                <tr>
                  <th>{w("finance.total")}</th>
                  <td />
                  <th className="num">{formatFen(d.totals.paidFen)}</th>
                  <th className="num">{formatFen(d.totals.reversedFen)}</th>
                  <th className="num">{d.totals.waitingCount}</th>
                  <td />
                </tr>
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
      <ExportButtons listPath={campaignPath(campaign, "/exports")} title={w("exports.title")} />
    </div>
  );
}
