import fc from "fast-check";
import { beforeEach, expect, it } from "vitest";
import { freshApp, type TestApp } from "../../../test/support/app.js";
import { describeStores, sameDatabase } from "../../../test/support/stores.js";
import type { Store } from "../../store/index.js";
import { upsertProductFacts } from "../../store/repos/facts.js";
import { listFromChannel } from "../../store/repos/fulfilment/venue.js";
import {
  addListings,
  delistProduct,
  exitMerchant,
  setListingWeight,
  venueChangesSince,
  venuePage,
} from "../../store/repos/listings.js";
import { markVenueChanged, venueState } from "../../store/repos/venue-version.js";
import { readVenue } from "./venue.js";

const CAMPAIGN = "spring-festival-2024";

/** Stores a product's facts (its title and price shown in the venue). */
async function facts(store: Store, id: string, merchantId: string, title = `t-${id}`, price = 100) {
  const body = JSON.stringify({ id, merchantId, title, category: "玩具", priceFen: price });
  await upsertProductFacts(
    store.db,
    [{ id, merchantId, category: "玩具", hash: `${id}:${title}:${price}`, body }],
    1,
  );
}

async function list(store: Store, id: string, merchantId: string, registeredAt: number) {
  await addListings(store.db, [
    {
      campaignId: CAMPAIGN,
      productId: id,
      merchantId,
      registrationId: `r-${id}`,
      registeredAt,
      listedAt: registeredAt,
    },
  ]);
}

describeStores("the venue read from memory", (kind) => {
  let app: TestApp;
  /** The reader: the use case on the app's store handle. */
  let ids: (cursor?: string, limit?: number) => Promise<string[]>;
  /** Another handle on the same database: what another `gala serve` process writes through. */
  let other: Store;

  beforeEach(async () => {
    app = await freshApp(kind);
    other = await sameDatabase(app.ctx.store);
    ids = async (cursor, limit = 10) => {
      const r = await readVenue(app.ctx, CAMPAIGN, cursor, limit);
      if (!r.ok) throw new Error(r.failure.message);
      return r.value.items.map((i) => i.productId);
    };
    for (const [id, m, at] of [
      ["a", "m1", 1],
      ["b", "m1", 2],
      ["c", "m2", 3],
    ] as const) {
      await facts(other, id, m);
      await list(other, id, m, at);
    }
  });

  it("shows on the next read a weight change, a delisting and an exit made by another process", async () => {
    expect(await ids()).toEqual(["a", "b", "c"]);
    await setListingWeight(other.db, CAMPAIGN, "a", 0.5, 10);
    expect(await ids()).toEqual(["b", "c", "a"]);
    await delistProduct(other.db, CAMPAIGN, "b", "violations", 11);
    expect(await ids()).toEqual(["c", "a"]);
    await exitMerchant(other.db, CAMPAIGN, "m2", "exception_report", 12);
    expect(await ids()).toEqual(["a"]);
    await setListingWeight(other.db, CAMPAIGN, "a", 0, 13);
    expect(await ids()).toEqual([]);
  });

  it("shows new listings, and a listed product's new facts, written by another process", async () => {
    expect(await ids()).toEqual(["a", "b", "c"]);
    await facts(other, "d", "m2");
    await list(other, "d", "m2", 0);
    expect(await ids()).toEqual(["d", "a", "b", "c"]);
    await facts(other, "b", "m1", "renamed", 4_200);
    const r = await readVenue(app.ctx, CAMPAIGN, undefined, 10);
    expect(r.ok && r.value.items.find((i) => i.productId === "b")?.facts).toEqual({
      title: "renamed",
      category: "玩具",
      priceFen: 4_200,
      shippingGuaranteeHours: null,
    });
    // A channel listing of a product without facts shows once its facts arrive.
    await listFromChannel(other.db, CAMPAIGN, [
      { productId: "e", merchantId: "m1", at: 5, eventId: "ev-e" },
    ]);
    expect(await ids()).toEqual(["d", "a", "b", "c"]);
    await facts(other, "e", "m1");
    expect(await ids()).toEqual(["d", "a", "b", "c", "e"]);
  });

  it("lists a bulk review's most (20,000 products) in one call, all stamped for the readers", async () => {
    const before = await venueState(app.ctx.store.db, CAMPAIGN);
    await addListings(
      other.db,
      Array.from({ length: 20_000 }, (_, i) => ({
        campaignId: CAMPAIGN,
        productId: `bulk-${i}`,
        merchantId: "m9",
        registrationId: `r-bulk-${i}`,
        registeredAt: 10,
        listedAt: 10,
      })),
    );
    const { changed } = await venueChangesSince(other.db, CAMPAIGN, before!.venueVersion);
    expect(changed.length).toBe(20_000);
  });

  it("pages by cursor, and a cursor of a listing that left still leads to the next ones", async () => {
    const r1 = await readVenue(app.ctx, CAMPAIGN, undefined, 2);
    expect(r1.ok && r1.value.items.map((i) => i.productId)).toEqual(["a", "b"]);
    const cursor = r1.ok ? r1.value.nextCursor! : "";
    await delistProduct(other.db, CAMPAIGN, "b", "violations", 11);
    expect(await ids(cursor, 2)).toEqual(["c"]);
  });

  it("serves the same venue as the SQL query after any sequence of changes (property)", async () => {
    // Indexes into each run's own products and merchants (runs share the database and the
    // reader, which follows the venue from version to version across them).
    const product = fc.integer({ min: 0, max: 7 });
    const change = fc.oneof(
      fc.record({
        kind: fc.constant("weight" as const),
        p: product,
        w: fc.constantFrom(0, 0.25, 0.5, 1),
      }),
      fc.record({ kind: fc.constant("delist" as const), p: product }),
      fc.record({ kind: fc.constant("exit" as const), m: fc.integer({ min: 0, max: 1 }) }),
      fc.record({
        kind: fc.constant("facts" as const),
        p: product,
        price: fc.integer({ min: 1, max: 3 }),
      }),
      fc.record({
        kind: fc.constant("list" as const),
        p: product,
        at: fc.integer({ min: 0, max: 2 }),
        withFacts: fc.boolean(),
      }),
      fc.record({ kind: fc.constant("mark" as const), p: product }),
    );
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 8 }), async (changes) => {
        round += 1;
        const p = (i: number) => `r${round}p${i}`;
        const m = (i: number) => `r${round}m${i}`;
        const merchantOf = (i: number) => m(i % 2);
        const w = other.db;
        for (const c of changes) {
          if (c.kind === "weight") await setListingWeight(w, CAMPAIGN, p(c.p), c.w, round);
          else if (c.kind === "delist") await delistProduct(w, CAMPAIGN, p(c.p), "test", round);
          else if (c.kind === "exit") await exitMerchant(w, CAMPAIGN, m(c.m), "test", round);
          else if (c.kind === "facts") await facts(other, p(c.p), merchantOf(c.p), "x", c.price);
          else if (c.kind === "mark") {
            await markVenueChanged(w, CAMPAIGN, { productIds: [p(c.p)] });
          } else {
            if (c.withFacts) await facts(other, p(c.p), merchantOf(c.p));
            await list(other, p(c.p), merchantOf(c.p), c.at);
          }
          const sql = await venuePage(app.ctx.store.db, CAMPAIGN, undefined, 1_000);
          const memory = await readVenue(app.ctx, CAMPAIGN, undefined, 1_000);
          expect(memory.ok && memory.value.items.map((i) => [i.productId, i.weight])).toEqual(
            sql.map((r) => [r.productId, r.weight]),
          );
          expect(memory.ok && memory.value.items.map((i) => i.facts.priceFen)).toEqual(
            sql.map((r) => JSON.parse(r.facts).priceFen),
          );
        }
      }),
      { numRuns: kind === "postgres" ? 15 : 30 },
    );
  });
});
