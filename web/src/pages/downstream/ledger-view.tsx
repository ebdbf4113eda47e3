/** A ledger's sums as stat cards, and its lines as a table: shared by the merchant's page. */
import { href } from "../../app/router.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { LedgerLine, LedgerTotals } from "./types.js";
import { useWords, type WordKey } from "./words.js";

export function LedgerStats({ totals }: { totals: LedgerTotals }) {
  const w = useWords();
  const fen = (v: number | null) => (v === null ? w("ledger.unknown") : formatFen(v));
  const stat = (testId: string, label: string, value: string, sub?: string) => (
    <div className="stat" data-testid={testId}>
      <div className="stat-value">{value}</div>
      <div className="stat-label">{label}</div>
      {sub ? <div className="muted small">{sub}</div> : null}
    </div>
  );
  return (
    <div className="stats">
      {stat("ledger-deposit", w("ledger.deposit"), fen(totals.depositFen))}
      {stat("ledger-paid", w("ledger.paid", { n: totals.paidCount }), formatFen(totals.paidFen))}
      {stat(
        "ledger-reversed",
        w("ledger.reversed", { n: totals.reversedCount }),
        formatFen(totals.reversedFen),
      )}
      {stat(
        "ledger-waiting",
        w("ledger.waiting"),
        String(totals.waitingCount),
        w("ledger.declined", { n: totals.declinedCount }),
      )}
      {stat("ledger-balance", w("ledger.balance"), fen(totals.balanceFen))}
    </div>
  );
}

export function LedgerLines({ lines, merchantId }: { lines: LedgerLine[]; merchantId: string }) {
  const w = useWords();
  if (lines.length === 0) return <p className="muted">{w("ledger.none")}</p>;
  // Six columns do not fit a phone: the table scrolls inside its card, not the page.
  return (
    <div className="table-scroll">
      <table className="ledger-table" data-testid="ledger-lines">
        <thead>
          <tr>
            <th>{w("ledger.at")}</th>
            <th>{w("ledger.type")}</th>
            <th>{w("ledger.order")}</th>
            <th className="num">{w("ledger.effect")}</th>
            <th className="num">{w("ledger.after")}</th>
            <th>{w("ledger.decision")}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.seq} data-testid="ledger-line" data-type={l.type}>
              <td>{formatInstant(l.at)}</td>
              <td>{w(`ledger.type.${l.type}` as WordKey)}</td>
              <td>
                {l.orderId ? (
                  <a
                    href={href(
                      `/merchants/${encodeURIComponent(merchantId)}/orders/${encodeURIComponent(l.orderId)}`,
                    )}
                  >
                    <code>{l.orderId}</code>
                  </a>
                ) : (
                  "—"
                )}
              </td>
              <td
                className={`num ${l.depositEffectFen < 0 ? "money-out" : l.depositEffectFen > 0 ? "money-in" : ""}`}
              >
                {l.depositEffectFen === 0
                  ? "—"
                  : `${l.depositEffectFen > 0 ? "+" : ""}${formatFen(l.depositEffectFen)}`}
              </td>
              <td className="num">
                {l.balanceAfterFen === null ? "—" : formatFen(l.balanceAfterFen)}
              </td>
              <td>
                <code className="small">{l.decisionId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
