/**
 * A fresh SQLite database with the reference campaign, M merchants and N products that all pass
 * the rules (so every registration does the whole path: judged, written, audited), and one
 * merchant token per merchant. Written in-process through the use cases; not timed.
 */
import { readFile, rm } from "node:fs/promises";
import { CampaignCatalog } from "../../src/app/campaigns/catalog.js";
import { FixedClock } from "../../src/app/clock.js";
import { upsertMerchants, upsertProducts } from "../../src/app/facts/upsert.js";
import { createToken } from "../../src/app/tokens.js";
import { validMerchant, validProduct } from "../../src/domain/eligibility/fixtures.js";
import { openStore } from "../../src/store/index.js";

export interface BenchData {
  /** productIds per merchant, in registration order. */
  merchants: Array<{ id: string; token: string; productIds: string[] }>;
}

export async function setupDatabase(
  path: string,
  campaignPath: string,
  now: number,
  merchantCount: number,
  productCount: number,
): Promise<BenchData> {
  for (const suffix of ["", "-wal", "-shm"]) await rm(`${path}${suffix}`, { force: true });
  const store = await openStore(`sqlite:${path}`);
  try {
    const clock = new FixedClock(now);
    const campaigns = new CampaignCatalog(store);
    const loaded = await campaigns.load(
      await readFile(campaignPath, "utf8"),
      campaignPath,
      "bench",
      now,
      "if_new",
    );
    if (!loaded.ok) throw new Error(`campaign: ${loaded.problems[0]?.message}`);
    const ctx = { store, clock, campaigns };
    const data: BenchData = { merchants: [] };
    const perMerchant = Math.ceil(productCount / merchantCount);
    for (let m = 0; m < merchantCount; m++) {
      const id = `bench-m${m}`;
      await upsertMerchants(ctx, [validMerchant(id) as never]);
      const productIds: string[] = [];
      for (let i = 0; i < perMerchant && m * perMerchant + i < productCount; i++) {
        productIds.push(`bench-m${m}-p${String(i).padStart(6, "0")}`);
      }
      for (let i = 0; i < productIds.length; i += 10_000) {
        const slice = productIds.slice(i, i + 10_000).map((pid) => validProduct(pid, id));
        const r = await upsertProducts(ctx, slice as never);
        if (!r.ok) throw new Error(r.failure.message);
      }
      const token = await createToken(store.db, { role: "merchant", merchantId: id }, now);
      if (!token.ok) throw new Error(token.failure.message);
      data.merchants.push({ id, token: token.value.secret, productIds });
    }
    return data;
  } finally {
    await store.close();
  }
}
