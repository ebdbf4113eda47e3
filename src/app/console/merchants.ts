/**
 * The operator's list of merchants in a campaign: who they are, whether they pass the merchant
 * rules on the facts held now, their registrations, orders, violations in force, delisted and
 * suspended products, and whether they have left. Searched by id or name and filtered by any of
 * those; `total` is every match, so the page says its size before it is scrolled.
 *
 * Every merchant is judged per request (the rules are data; facts change), so the list is built
 * in memory from one scan of `merchants` and one grouped count per figure: a few milliseconds per
 * thousand merchants. Fulfilment figures come from `ff_decisions` and `ff_orders` by type, not
 * from the engine's own records, so they read the same whatever the engine keeps.
 */
import { sql } from "kysely";
import { countsByMerchant } from "../../store/repos/fulfilment/counts.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { decodeCursor, encodeCursor } from "../cursor.js";

export const MERCHANT_FILTERS = [
  "all",
  "eligible",
  "ineligible",
  "exited",
  "violations",
  "delisted",
  "suspended",
] as const;
export type MerchantFilter = (typeof MERCHANT_FILTERS)[number];

export interface MerchantRow {
  id: string;
  name: string | null;
  mainCategory: string | null;
  eligible: boolean;
  failing: string[];
  exited: { at: number; reason: string | null } | null;
  registrations: Record<string, number>;
  orders: number;
  violations: number;
  delisted: number;
  suspended: number;
}

export interface MerchantQuery {
  filter: MerchantFilter;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

type Counts = Map<string, number>;

async function countBy(rows: Promise<Array<{ merchant_id: string | null; n: unknown }>>) {
  const out: Counts = new Map();
  for (const r of await rows) if (r.merchant_id) out.set(r.merchant_id, Number(r.n));
  return out;
}

/**
 * Decisions of a type per merchant (violations recorded or revoked, listings suspended…). A
 * decision that names only its order (a revocation) counts for the order's merchant.
 */
function decisionCounts(db: Db, campaignId: string, type: string) {
  return countBy(
    sql<{ merchant_id: string | null; n: number }>`select
        coalesce(d.merchant_id, o.merchant_id) as merchant_id, count(*) as n
      from ff_decisions d
      left join ff_orders o on o.campaign_id = d.campaign_id and o.order_id = d.order_id
      where d.campaign_id = ${campaignId} and d.type = ${type}
      group by coalesce(d.merchant_id, o.merchant_id)`
      .execute(db)
      .then((r) => r.rows),
  );
}

const isId = (v: unknown): v is string => typeof v === "string";

export async function listMerchants(db: Db, loaded: LoadedCampaign, query: MerchantQuery) {
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, isId);
  if (query.cursor !== undefined && after === undefined) return undefined;
  const campaignId = loaded.campaign.id;
  const [recorded, revoked, suspendedN, restoredN] = await Promise.all([
    decisionCounts(db, campaignId, "violation.recorded"),
    decisionCounts(db, campaignId, "violation.revoked"),
    decisionCounts(db, campaignId, "listing.suspended"),
    decisionCounts(db, campaignId, "listing.restored"),
  ]);
  // Kept by the engine's writes (`ff_counts`), not counted over every order.
  const orders = await countsByMerchant(db, campaignId, "orders");
  const delisted = await countBy(
    db
      .selectFrom("listings")
      .select((eb) => ["merchant_id", eb.fn.count<number>("delisted_at").as("n")])
      .where("campaign_id", "=", campaignId)
      .groupBy("merchant_id")
      .execute(),
  );
  const registrations = new Map<string, Record<string, number>>();
  const regRows = await db
    .selectFrom("registrations")
    .select((eb) => ["merchant_id", "state", eb.fn.countAll<number>().as("n")])
    .where("campaign_id", "=", campaignId)
    .groupBy(["merchant_id", "state"])
    .execute();
  for (const r of regRows) {
    const m = registrations.get(r.merchant_id) ?? {};
    m[r.state] = Number(r.n);
    registrations.set(r.merchant_id, m);
  }
  const exits = new Map<string, { at: number; reason: string | null }>();
  const exitRows = await db
    .selectFrom("campaign_merchants")
    .select(["merchant_id", "exited_at", "exit_reason"])
    .where("campaign_id", "=", campaignId)
    .where("exited_at", "is not", null)
    .execute();
  for (const e of exitRows) exits.set(e.merchant_id, { at: e.exited_at!, reason: e.exit_reason });

  const term = query.q?.trim().toLowerCase();
  const merchants = await db
    .selectFrom("merchants")
    .select(["id", "main_category", "facts"])
    .orderBy("id")
    .execute();
  const rows: MerchantRow[] = [];
  for (const m of merchants) {
    const facts = JSON.parse(m.facts) as Record<string, unknown>;
    const name = typeof facts.name === "string" ? facts.name : null;
    if (term && !m.id.toLowerCase().includes(term) && !name?.toLowerCase().includes(term)) {
      continue;
    }
    const decision = loaded.eligibility.evaluateMerchant(facts);
    const row: MerchantRow = {
      id: m.id,
      name,
      mainCategory: m.main_category,
      eligible: decision.eligible,
      failing: decision.failures.map((f) => f.rule),
      exited: exits.get(m.id) ?? null,
      registrations: registrations.get(m.id) ?? {},
      orders: orders.get(m.id) ?? 0,
      violations: Math.max(0, (recorded.get(m.id) ?? 0) - (revoked.get(m.id) ?? 0)),
      delisted: delisted.get(m.id) ?? 0,
      suspended: Math.max(0, (suspendedN.get(m.id) ?? 0) - (restoredN.get(m.id) ?? 0)),
    };
    if (matches(row, query.filter)) rows.push(row);
  }
  const start = after === undefined ? 0 : rows.findIndex((r) => r.id > after);
  const page = start < 0 ? [] : rows.slice(start, start + query.limit);
  const last = page.at(-1);
  return {
    items: page,
    total: rows.length,
    nextCursor: last && rows.at(-1) !== last ? encodeCursor(last.id) : null,
  };
}

function matches(row: MerchantRow, filter: MerchantFilter): boolean {
  switch (filter) {
    case "all":
      return true;
    case "eligible":
      return row.eligible && row.exited === null;
    case "ineligible":
      return !row.eligible;
    case "exited":
      return row.exited !== null;
    case "violations":
      return row.violations > 0;
    case "delisted":
      return row.delisted > 0;
    case "suspended":
      return row.suspended > 0;
  }
}
