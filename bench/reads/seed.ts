/**
 * The reads benchmark's database: the reference campaign with a venue of 16 products, a copy of
 * it under another id (`bench-venue`) with a venue of N products, and a channel token. Campaigns
 * and the token go through the store as the server writes them; products and listings are
 * written straight into the tables in one transaction (100,000 through the API would take
 * minutes and measure registration, not reads).
 */
import { readFileSync } from "node:fs";
import SQLite from "better-sqlite3";
import { CampaignCatalog } from "../../src/app/campaigns/catalog.js";
import { createToken } from "../../src/app/tokens.js";
import { venueCursor } from "../../src/app/venue/venue.js";
import { validProduct } from "../../src/domain/eligibility/fixtures.js";
import { Ranking } from "../../src/domain/venue/ranking.js";
import { openStore } from "../../src/store/index.js";
import { applyPragmas } from "../../src/store/sqlite-statements.js";

export const SMALL_CAMPAIGN = "spring-festival-2024";
export const LARGE_CAMPAIGN = "bench-venue";

export interface Seeded {
  token: string;
  /** The cursor of the page starting halfway down the large venue. */
  middleCursor: string;
}

interface Row {
  productId: string;
  merchantId: string;
  weight: number;
  registeredAt: number;
}

/** Weights as the engine leaves them: most at 1, some lowered once or twice, a few at 0.125. */
function weightOf(i: number): number {
  const r = (i * 2_654_435_761) % 100;
  return r < 80 ? 1 : r < 94 ? 0.5 : r < 99 ? 0.25 : 0.125;
}

function rows(prefix: string, n: number, start: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    productId: `${prefix}-${String(i).padStart(6, "0")}`,
    merchantId: `${prefix}-m${Math.floor(i / 100)}`,
    weight: weightOf(i),
    // Registered in calls of 10 products: ties broken by product id, as in real bulk calls.
    registeredAt: start + Math.floor(i / 10) * 1_000,
  }));
}

export async function seedReads(
  dbPath: string,
  campaignFile: string,
  products: number,
  now: number,
): Promise<Seeded> {
  const store = await openStore(`sqlite:${dbPath}`);
  let token: string;
  try {
    const catalog = new CampaignCatalog(store);
    const text = readFileSync(campaignFile, "utf8");
    for (const [source, name] of [
      [text, campaignFile],
      [text.replace(/^id: .*$/m, `id: ${LARGE_CAMPAIGN}`), "bench-venue.yaml"],
    ] as const) {
      const loaded = await catalog.load(source, name, "bench", now, "always");
      if (!loaded.ok) throw new Error(`campaign ${name}: ${loaded.problems[0]?.message}`);
    }
    const made = await createToken(store.db, { role: "channel", label: "bench" }, now);
    if (!made.ok) throw new Error(made.failure.message);
    token = made.value.secret;
  } finally {
    await store.close();
  }

  const registeredFrom = Date.parse("2024-01-20T10:00:00+08:00");
  const small = rows("s", 16, registeredFrom);
  const large = rows("p", products, registeredFrom);
  const db = new SQLite(dbPath);
  applyPragmas(db);
  const product = db.prepare(
    "insert into products (id, merchant_id, category, snapshot_hash, facts, updated_at) values (?, ?, ?, ?, ?, ?)",
  );
  const listing = db.prepare(
    `insert into listings (campaign_id, product_id, merchant_id, registration_id, weight,
       registered_at, listed_at, delisted_at, delist_reason, updated_at, venue_version)
     values (?, ?, ?, ?, ?, ?, ?, null, null, ?, 0)`,
  );
  const counter = db.prepare(
    "insert into venue_versions (campaign_id, version) values (?, 0) on conflict do nothing",
  );
  db.transaction(() => {
    for (const [campaignId, list] of [
      [SMALL_CAMPAIGN, small],
      [LARGE_CAMPAIGN, large],
    ] as const) {
      counter.run(campaignId);
      for (const [i, r] of list.entries()) {
        const facts = {
          ...validProduct(r.productId, r.merchantId),
          title: `加厚防滑衣架 20只装 · ${i}`,
          priceFen: 990 + (i % 200) * 100,
        };
        const body = JSON.stringify(facts);
        product.run(r.productId, r.merchantId, "家居用品", `h-${r.productId}`, body, now);
        const listedAt = r.registeredAt + 3_600_000;
        listing.run(
          campaignId,
          r.productId,
          r.merchantId,
          `reg-${r.productId}`,
          r.weight,
          r.registeredAt,
          listedAt,
          listedAt,
        );
      }
    }
  })();
  db.close();

  const ranked = Ranking.of(large).all();
  const middle = ranked[Math.floor(ranked.length / 2) - 1];
  return { token, middleCursor: middle ? venueCursor(middle) : "" };
}
