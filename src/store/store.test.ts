import { beforeEach, expect, it } from "vitest";
import { describeStores, freshStore } from "../../test/support/stores.js";
import { lockKey } from "./lock.js";
import type { Store } from "./open.js";
import { appendAudit, readAudit } from "./repos/audit.js";
import {
  currentCampaignHash,
  listCampaignVersions,
  saveCampaignVersion,
} from "./repos/campaigns.js";
import {
  getMerchantFacts,
  getProductFacts,
  upsertMerchantFacts,
  upsertProductFacts,
} from "./repos/facts.js";
import {
  addListings,
  delistProduct,
  exitedPairs,
  exitMerchant,
  setListingWeight,
  venuePage,
} from "./repos/listings.js";
import { reviewQueue } from "./repos/registration-queries.js";
import {
  type RegistrationRecord,
  registrationsForProducts,
  saveRegistrations,
  saveReviewOutcome,
} from "./repos/registrations.js";

function registration(
  productId: string,
  over: Partial<RegistrationRecord> = {},
): RegistrationRecord {
  return {
    id: `r-${productId}`,
    campaignId: "c1",
    campaignHash: "h1",
    merchantId: "m1",
    productId,
    category: "女装",
    state: "pending_review",
    merchantSnapshotHash: "ms",
    productSnapshotHash: `ps-${productId}`,
    failures: '{"merchant":[],"product":[]}',
    registeredAt: 1_000,
    reviewDueAt: 1_000 + 72 * 3_600_000,
    reviewedAt: null,
    reviewedBy: null,
    reviewReason: null,
    replacesProductId: null,
    attempts: 1,
    updatedAt: 1_000,
    ...over,
  };
}

describeStores("store", (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(kind);
  });

  it("keeps campaign versions by hash and moves the current one", async () => {
    const v = {
      campaignId: "c1",
      source: "a",
      sourceName: "f.yaml",
      loadedAt: 5,
      loadedBy: "file",
    };
    expect(await saveCampaignVersion(store.db, { ...v, hash: "h1" })).toBe(true);
    expect(await saveCampaignVersion(store.db, { ...v, hash: "h1" })).toBe(false);
    await saveCampaignVersion(store.db, { ...v, hash: "h2", loadedAt: 6 });
    expect(await currentCampaignHash(store.db, "c1")).toBe("h2");
    expect((await listCampaignVersions(store.db, "c1")).map((x) => x.hash)).toEqual(["h2", "h1"]);
  });

  it("upserts facts in bulk, keeps every snapshot, returns numbers for bigint columns", async () => {
    const products = Array.from({ length: 3000 }, (_, i) => ({
      id: `p${i}`,
      merchantId: "m1",
      category: "女装",
      hash: `h${i}`,
      body: JSON.stringify({ id: `p${i}` }),
    }));
    await upsertProductFacts(store.db, products, 1_700_000_000_000);
    await upsertProductFacts(store.db, [{ ...products[0]!, hash: "h0b", category: "男装" }], 2);
    const got = await getProductFacts(store.db, ["p0", "p2999", "nope"]);
    expect(got.size).toBe(2);
    expect(got.get("p0")).toMatchObject({ hash: "h0b", category: "男装" });
    await upsertMerchantFacts(
      store.db,
      [{ id: "m1", mainCategory: "女装", hash: "mh", body: "{}" }],
      1,
    );
    expect(await getMerchantFacts(store.db, "m1")).toMatchObject({ hash: "mh" });
    const snapshots = await store.db.selectFrom("fact_snapshots").select("created_at").execute();
    expect(snapshots).toHaveLength(3002);
    expect(typeof snapshots[0]!.created_at).toBe("number");
  });

  it("writes registrations again over the same (campaign, product) row", async () => {
    await saveRegistrations(store.db, [
      registration("p1", { state: "rejected", reviewDueAt: null }),
    ]);
    await saveRegistrations(store.db, [registration("p1", { id: "other", attempts: 2 })]);
    const got = await registrationsForProducts(store.db, "c1", ["p1"]);
    expect(got.get("p1")).toMatchObject({ id: "r-p1", state: "pending_review", attempts: 2 });
  });

  it("moves a review only from the state it expects", async () => {
    await saveRegistrations(store.db, [registration("p1")]);
    const w = {
      id: "r-p1",
      fromState: "pending_review",
      reviewedAt: 9,
      reviewedBy: "op",
      reason: null,
    };
    expect(await saveReviewOutcome(store.db, { ...w, toState: "approved" })).toBe(true);
    expect(await saveReviewOutcome(store.db, { ...w, toState: "rejected_at_review" })).toBe(false);
  });

  it("orders the review queue by due instant and pages it exactly", async () => {
    await saveRegistrations(store.db, [
      registration("p1", { reviewDueAt: 30 }),
      registration("p2", { reviewDueAt: 10, merchantId: "m2" }),
      registration("p3", { reviewDueAt: 20, category: "男装" }),
      registration("p4", { reviewDueAt: 20 }),
      registration("p5", { state: "approved", reviewDueAt: 1 }),
    ]);
    const all = await reviewQueue(store.db, { campaignId: "c1", limit: 10 });
    expect(all.map((r) => r.productId)).toEqual(["p2", "p3", "p4", "p1"]);
    const page2 = await reviewQueue(store.db, {
      campaignId: "c1",
      limit: 10,
      after: { dueAt: 20, id: "r-p3" },
    });
    expect(page2.map((r) => r.productId)).toEqual(["p4", "p1"]);
    const filtered = await reviewQueue(store.db, {
      campaignId: "c1",
      limit: 10,
      category: "女装",
      dueAtOrBefore: 20,
    });
    expect(filtered.map((r) => r.productId)).toEqual(["p2", "p4"]);
  });

  it("ranks the venue by weight then registration time, without delisted or exited", async () => {
    await upsertProductFacts(
      store.db,
      ["a", "b", "c", "d", "e"].map((id) => ({
        id,
        merchantId: id === "e" ? "m2" : "m1",
        category: null,
        hash: id,
        body: "{}",
      })),
      1,
    );
    await addListings(
      store.db,
      ["a", "b", "c", "d", "e"].map((id, i) => ({
        campaignId: "c1",
        productId: id,
        merchantId: id === "e" ? "m2" : "m1",
        registrationId: `r-${id}`,
        registeredAt: 100 - i,
        listedAt: 200,
      })),
    );
    await setListingWeight(store.db, "c1", "a", 0.5, 300);
    await delistProduct(store.db, "c1", "c", "test", 300);
    await exitMerchant(store.db, "c1", "m2", "test", 300);
    const page = await venuePage(store.db, "c1", undefined, 2);
    expect(page.map((r) => r.productId)).toEqual(["d", "b"]);
    const next = await venuePage(
      store.db,
      "c1",
      { weight: 1, registeredAt: 99, productId: "b" },
      2,
    );
    expect(next.map((r) => [r.productId, r.weight])).toEqual([["a", 0.5]]);
  });

  it("lists 20,000 products and finds exits among 20,000 merchants in one call", async () => {
    const n = 20_000;
    await addListings(
      store.db,
      Array.from({ length: n }, (_, i) => ({
        campaignId: "c1",
        productId: `p${i}`,
        merchantId: `m${i}`,
        registrationId: `r${i}`,
        registeredAt: i,
        listedAt: n,
      })),
    );
    const listed = await store.db
      .selectFrom("listings")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(listed.n)).toBe(n);
    await exitMerchant(store.db, "c1", "m7", "test", 1);
    await exitMerchant(store.db, "c1", `m${n - 1}`, "test", 1);
    await exitMerchant(store.db, "c2", "m8", "test", 1);
    const pairs = Array.from({ length: n }, (_, i) => ({
      campaignId: i % 2 === 0 ? "c2" : "c1",
      merchantId: `m${i}`,
    }));
    pairs.push({ campaignId: "c1", merchantId: "m7" });
    const exited = await exitedPairs(store.db, pairs);
    expect(exited.map((p) => `${p.campaignId}/${p.merchantId}`).sort()).toEqual([
      "c1/m19999",
      "c1/m7",
      "c2/m8",
    ]);
  }, 60_000);

  /** Lists products with these titles (id → title) in campaign c1's venue. */
  async function listTitled(titles: Record<string, string>): Promise<void> {
    await upsertProductFacts(
      store.db,
      Object.entries(titles).map(([id, title]) => ({
        id,
        merchantId: "m1",
        category: "玩具",
        hash: id,
        body: JSON.stringify({ id, title, category: "玩具", inStock: true, priceFen: 9900 }),
      })),
      1,
    );
    await addListings(
      store.db,
      Object.keys(titles).map((id) => ({
        campaignId: "c1",
        productId: id,
        merchantId: "m1",
        registrationId: `r-${id}`,
        registeredAt: 100,
        listedAt: 200,
      })),
    );
  }
  const searchVenue = async (search: string) =>
    (await venuePage(store.db, "c1", undefined, 10, { search, dialect: store.dialect }))
      .map((r) => r.productId)
      .sort();

  it("searches the venue literally: % and _ are characters, not wildcards", async () => {
    await listTitled({ pct: "满50%减", plain: "满500减", under: "a_b 礼盒", other: "ab 礼盒" });
    expect(await searchVenue("50%")).toEqual(["pct"]);
    expect(await searchVenue("a_b")).toEqual(["under"]);
    expect(await searchVenue("礼盒")).toEqual(["other", "under"]);
  });

  it("searches the venue by title only, not the rest of the facts JSON", async () => {
    await listTitled({ p1: "红包礼盒", p2: "true colours 围巾" });
    expect(await searchVenue("true")).toEqual(["p2"]);
    expect(await searchVenue("category")).toEqual([]);
    expect(await searchVenue("9900")).toEqual([]);
    expect(await searchVenue("p1")).toEqual([]);
    expect(await searchVenue("礼盒")).toEqual(["p1"]);
  });

  it("reads the audit log back in order, with detail", async () => {
    const e = {
      actorRole: "operator",
      actorId: "t1",
      action: "review.approve",
      campaignId: "c1",
      subjectType: "registration",
      fromState: "pending_review",
      toState: "approved",
      reason: null,
    };
    await appendAudit(store.db, [
      { ...e, at: 1, subjectId: "r1", detail: { x: 1 } },
      { ...e, at: 2, subjectId: "r2" },
      { ...e, at: 3, subjectId: "r1", reason: "again" },
    ]);
    const got = await readAudit(store.db, { subjectId: "r1", limit: 10 });
    expect(got.map((a) => [a.at, a.reason, a.detail])).toEqual([
      [1, null, { x: 1 }],
      [3, "again", undefined],
    ]);
    expect(got[0]!.seq).toBeLessThan(got[1]!.seq);
  });

  it("rolls a transaction back whole, and locks keys inside one", async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await lockKey(trx, store.dialect, "c1:m1");
        await saveRegistrations(trx, [registration("p1")]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await registrationsForProducts(store.db, "c1", ["p1"])).size).toBe(0);
  });
});
