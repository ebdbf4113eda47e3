/**
 * The enforcement half of the editor's impact: the edited policy tried on the campaign's own
 * history (the server replays its stored events under the current version, A, and the edited
 * one, B; `POST /campaigns/{c}/compare` → `enforcement`). Totals side by side, claims paid per
 * day under both, and the merchants most affected. Every figure is what holds at the end (a
 * claim paid then reversed counts nothing), as `gala replay --compare` counts it.
 *
 * Its words live here, in both languages, rather than in the dictionaries, so this view can
 * land beside the console's rewrite without touching its files.
 */
import type { EChartsOption } from "echarts";
import { useMemo } from "react";
import { Chart } from "../../components/chart.js";
import { type Bilingual, useI18n } from "../../i18n/index.js";
import { formatFen, formatInstant } from "../../lib/format.js";

export interface Pair<T> {
  a: T;
  b: T;
}

export interface EnforcementImpact {
  same: boolean;
  events: number;
  asOf: string;
  unreadable: number;
  totals: Record<
    | "orders"
    | "violations"
    | "claimsPaid"
    | "claimsPaidFen"
    | "claimsHeld"
    | "weightCuts"
    | "delistings"
    | "exits"
    | "instantRefunds"
    | "instantRefundsFen"
    | "refused",
    Pair<number>
  >;
  merchants: {
    changed: number;
    list: Array<{
      merchantId: string;
      violations: Pair<number>;
      claimsPaid: Pair<number>;
      claimsPaidFen: Pair<number>;
      claimsHeld: Pair<number>;
      delistings: Pair<number>;
      weightCuts: Pair<number>;
      exited: Pair<string | null>;
    }>;
  };
  products: { changed: number };
  daily: Array<{ day: string; claimsPaid: Pair<number>; claimsPaidFen: Pair<number> }>;
}

/** The compare answer, with the enforcement impact a server that has it adds. */
export interface WithEnforcement {
  enforcement?: EnforcementImpact;
}

const W = {
  title: {
    zh: "履约处置影响（按本活动已收到的事件重放）",
    en: "Enforcement impact (replayed on this campaign's events)",
  },
  basis: {
    zh: "已收到 {n} 个事件，截至 {asOf}；A 为当前版本，B 为编辑后的版本。均为最终状态（已撤销的违规、已冲回的赔付不计）。",
    en: "{n} events received, as of {asOf}; A is the current version, B the edited one. Figures are what holds at the end (revoked violations and reversed claims do not count).",
  },
  same: {
    zh: "与当前版本相比，履约处置没有任何变化。",
    en: "No difference in enforcement from the current version.",
  },
  measure: { zh: "指标", en: "Measure" },
  change: { zh: "变化", en: "Change" },
  claimsPaid: { zh: "已赔付笔数", en: "Claims paid" },
  claimsPaidFen: { zh: "赔付金额", en: "Claims paid (amount)" },
  violations: { zh: "生效违规", en: "Violations in force" },
  claimsHeld: { zh: "待人工复核赔付", en: "Claims held for a person" },
  weightCuts: { zh: "降权商品", en: "Listings with traffic cut" },
  delistings: { zh: "下架商品", en: "Listings delisted" },
  exits: { zh: "退出活动商家", en: "Merchants exited" },
  instantRefunds: { zh: "极速退款笔数", en: "Instant refunds" },
  instantRefundsFen: { zh: "极速退款金额", en: "Instant refunds (amount)" },
  daily: { zh: "每日赔付金额（按违规日）", en: "Claims paid per day (by day of violation)" },
  merchants: {
    zh: "受影响最大的商家（共 {n} 家有变化）",
    en: "Merchants most affected ({n} change)",
  },
  merchant: { zh: "商家", en: "Merchant" },
  exited: { zh: "退出", en: "Exited" },
  none: { zh: "—", en: "—" },
  violationsExit: { zh: "违规过多", en: "violations" },
  exception_report: { zh: "异常报备", en: "exception report" },
  withdrew: { zh: "主动退出", en: "withdrew" },
  products: { zh: "有变化的商品：{n}", en: "Products that change: {n}" },
} satisfies Record<string, Bilingual>;

type Shown = Exclude<keyof EnforcementImpact["totals"], "orders" | "refused">;
type Row = { key: Shown; money?: boolean };
const ROWS: Row[] = [
  { key: "claimsPaid" },
  { key: "claimsPaidFen", money: true },
  { key: "violations" },
  { key: "claimsHeld" },
  { key: "weightCuts" },
  { key: "delistings" },
  { key: "exits" },
  { key: "instantRefunds" },
  { key: "instantRefundsFen", money: true },
];

const A_COLOR = "#8c8c8c";
const B_COLOR = "#d4380d";

export function EnforcementImpactView({ impact }: { impact: EnforcementImpact | undefined }) {
  const { pick } = useI18n();
  const say = (w: Bilingual, vars: Record<string, string | number> = {}) =>
    pick(w).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  const option = useMemo<EChartsOption | undefined>(() => {
    if (!impact || impact.daily.length === 0) return undefined;
    const yuan = (fen: number) => fen / 100;
    return {
      grid: { left: 48, right: 12, top: 28, bottom: 28 },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      xAxis: { type: "category", data: impact.daily.map((d) => d.day.slice(5)) },
      yAxis: { type: "value", axisLabel: { formatter: "¥{value}" } },
      series: [
        {
          name: "A",
          type: "bar",
          itemStyle: { color: A_COLOR },
          data: impact.daily.map((d) => yuan(d.claimsPaidFen.a)),
        },
        {
          name: "B",
          type: "bar",
          itemStyle: { color: B_COLOR },
          data: impact.daily.map((d) => yuan(d.claimsPaidFen.b)),
        },
      ],
    };
  }, [impact]);
  if (!impact) return null;
  const show = (n: number, money?: boolean) => (money ? formatFen(n) : n.toLocaleString());
  const diff = (p: Pair<number>, money?: boolean) => {
    if (p.a === p.b) return "";
    const sign = p.b > p.a ? "+" : "−";
    return `${sign}${show(Math.abs(p.b - p.a), money)}`;
  };
  const exitWords = (reason: string | null) =>
    reason === null
      ? say(W.none)
      : reason === "violations"
        ? say(W.violationsExit)
        : reason === "exception_report" || reason === "withdrew"
          ? say(W[reason])
          : reason;
  const top = impact.merchants.list.slice(0, 10);
  return (
    <div className="compare enforcement-impact" data-testid="enforcement-impact">
      <h3>{say(W.title)}</h3>
      <p className="muted small">
        {say(W.basis, { n: impact.events.toLocaleString(), asOf: formatInstant(impact.asOf) })}
      </p>
      {impact.same ? (
        <div className="banner banner-ok" data-testid="enforcement-same">
          {say(W.same)}
        </div>
      ) : null}
      <table className="table" data-testid="enforcement-totals">
        <thead>
          <tr>
            <th>{say(W.measure)}</th>
            <th>A</th>
            <th>B</th>
            <th>{say(W.change)}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(({ key, money }) => {
            const p = impact.totals[key];
            return (
              <tr key={key} data-measure={key}>
                <td>{say(W[key])}</td>
                <td>{show(p.a, money)}</td>
                <td>{show(p.b, money)}</td>
                {/* Neutral: more claims or refunds is worse for one side, better for another. */}
                <td>
                  <strong>{diff(p, money)}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {option ? (
        <>
          <h4>{say(W.daily)}</h4>
          <Chart
            option={option}
            set="dashboard"
            summary={impact.daily
              .map(
                (d) =>
                  `${d.day}: A ${formatFen(d.claimsPaidFen.a)}, B ${formatFen(d.claimsPaidFen.b)}`,
              )
              .join("; ")}
            height={200}
            testId="enforcement-daily"
          />
        </>
      ) : null}
      {top.length > 0 ? (
        <>
          <h4>{say(W.merchants, { n: impact.merchants.changed })}</h4>
          <table className="table" data-testid="enforcement-merchants">
            <thead>
              <tr>
                <th>{say(W.merchant)}</th>
                <th>{say(W.claimsPaidFen)}</th>
                <th>{say(W.violations)}</th>
                <th>{say(W.exited)}</th>
              </tr>
            </thead>
            <tbody>
              {top.map((m) => (
                <tr key={m.merchantId}>
                  <td>
                    <code>{m.merchantId}</code>
                  </td>
                  <td>
                    {formatFen(m.claimsPaidFen.a)} → {formatFen(m.claimsPaidFen.b)}
                  </td>
                  <td>
                    {m.violations.a} → {m.violations.b}
                  </td>
                  <td>
                    {exitWords(m.exited.a)} → {exitWords(m.exited.b)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{say(W.products, { n: impact.products.changed })}</p>
        </>
      ) : null}
    </div>
  );
}
