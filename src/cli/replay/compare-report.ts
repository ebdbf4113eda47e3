/**
 * What `gala replay --compare` prints: one JSON object (`--json`), or the same as a report for
 * people. Every figure is a net state after the stream (src/domain/whatif/tally.ts).
 */
import type { Campaign } from "../../domain/campaign/model.js";
import type {
  Comparison,
  MerchantChange,
  Pair,
  ProductChange,
  StreamComparison,
} from "../../domain/whatif/index.js";
import { EXIT_REASONS, VIOLATION_KINDS } from "../../domain/whatif/index.js";

const describe = (campaign: Campaign, file: string) => ({
  campaign: campaign.hash,
  campaignId: campaign.id,
  file,
});

export function comparisonJson(session: StreamComparison, files: { a: string; b: string }) {
  const result = session.result();
  return {
    a: describe(session.a.campaign, files.a),
    b: describe(session.b.campaign, files.b),
    ...result,
    badLines: session.badLines,
    errors: session.refusals,
  };
}

/** Rows of the totals table: label, the measure's pair, and how to show it. */
function totalRows(r: Comparison): Array<[string, Pair<number>]> {
  const t = r.totals;
  const rows: Array<[string, Pair<number>]> = [["campaign orders", t.orders]];
  rows.push(["violations in force", t.violations]);
  for (const kind of VIOLATION_KINDS) rows.push([`  ${kind}`, r.byKind[kind].violations]);
  rows.push(["claims paid", t.claimsPaid]);
  for (const kind of VIOLATION_KINDS) rows.push([`  ${kind}`, r.byKind[kind].claimsPaid]);
  rows.push(["claims paid (fen)", t.claimsPaidFen]);
  for (const kind of VIOLATION_KINDS) rows.push([`  ${kind}`, r.byKind[kind].claimsPaidFen]);
  rows.push(["claims held for a person", t.claimsHeld]);
  rows.push(["listings with weight cut", t.weightCuts]);
  rows.push(["listings delisted", t.delistings]);
  rows.push(["merchants exited", t.exits]);
  for (const reason of EXIT_REASONS) {
    const pair = r.exitsByReason[reason];
    if (pair.a !== 0 || pair.b !== 0) rows.push([`  ${reason}`, pair]);
  }
  rows.push(["instant refunds", t.instantRefunds]);
  rows.push(["instant refunds (fen)", t.instantRefundsFen]);
  rows.push(["lines refused", t.refused]);
  return rows;
}

const num = (n: number) => n.toLocaleString("en-US");
const delta = (p: Pair<number>) =>
  p.b === p.a ? "" : `${p.b > p.a ? "+" : "−"}${num(Math.abs(p.b - p.a))}`;

export function comparisonText(session: StreamComparison, files: { a: string; b: string }): string {
  const r = session.result();
  const short = (c: Campaign) => c.hash.slice(0, 12);
  const out: string[] = [
    `A: ${files.a} (${short(session.a.campaign)})`,
    `B: ${files.b} (${short(session.b.campaign)})`,
    "Counted after the whole stream: what is in force at its end (see gala replay --help).",
    "",
  ];
  const rows = totalRows(r);
  const width = Math.max(...rows.map(([label]) => label.length));
  const cell = (s: string) => s.padStart(12);
  out.push(`${"".padEnd(width)}${cell("A")}${cell("B")}${cell("B − A")}`);
  for (const [label, pair] of rows) {
    out.push(`${label.padEnd(width)}${cell(num(pair.a))}${cell(num(pair.b))}${cell(delta(pair))}`);
  }
  out.push("");
  if (r.same) {
    out.push("No difference: the two policies decide the same on this stream.");
  } else {
    out.push(`Merchants that change: ${num(r.merchants.changed)}`);
    for (const m of r.merchants.list) out.push(`  ${m.merchantId}: ${merchantLine(m)}`);
    out.push(`Products that change: ${num(r.products.changed)}`);
    for (const p of r.products.list)
      out.push(`  ${p.productId} (${p.merchantId}): ${productLine(p)}`);
    const days = r.daily.filter((d) => d.claimsPaidFen.a !== d.claimsPaidFen.b);
    if (days.length > 0) {
      out.push("Claims paid by day (fen), where they differ:");
      for (const d of days) {
        out.push(`  ${d.day}: ${num(d.claimsPaidFen.a)} → ${num(d.claimsPaidFen.b)}`);
      }
    }
  }
  if (session.badLines > 0) {
    out.push("");
    out.push(`Lines refused: ${num(session.badLines)} (the first ${session.refusals.length}):`);
    for (const x of session.refusals) {
      const who = x.policy === "both" ? "A and B" : x.policy.toUpperCase();
      out.push(`  line ${x.line}, by ${who}: ${x.error.code}: ${x.error.message}`);
    }
  }
  return `${out.join("\n")}\n`;
}

/** The measures that differ, as `name a → b`. */
function changed(pairs: Record<string, Pair<unknown>>): string {
  const show = (v: unknown) => (v === null ? "–" : typeof v === "number" ? num(v) : String(v));
  return Object.entries(pairs)
    .filter(([, p]) => p.a !== p.b)
    .map(([name, p]) => `${name} ${show(p.a)} → ${show(p.b)}`)
    .join(", ");
}

function merchantLine(m: MerchantChange): string {
  const { merchantId: _id, ...pairs } = m;
  return changed(pairs);
}

function productLine(p: ProductChange): string {
  const { productId: _id, merchantId: _m, ...pairs } = p;
  return changed(pairs);
}
