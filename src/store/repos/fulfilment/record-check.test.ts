/**
 * The engine's records read back are checked, not cast: every record the engine writes reads
 * back equal, and a stored value of the wrong shape fails with a `StoreCorruption` that names the
 * table, the column, the row and the field, on both stores.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { beforeEach, describe, expect, it } from "vitest";
import { describeStores, freshStore } from "../../../../test/support/stores.js";
import type {
  ClaimRecord,
  ListingRecord,
  MerchantRecord,
  OrderRecord,
  RefundFact,
} from "../../../domain/fulfilment/index.js";
import { StoreCorruption } from "../../corrupt.js";
import type { Store } from "../../open.js";
import { loadOrders, orderRecord, orderRow, saveOrders } from "./orders.js";
import { listingRecord, merchantRecord } from "./record-check.js";
import { loadListings, loadMerchants, saveListings, saveMerchants } from "./records.js";

const at = { table: "ff_listings", column: "record", key: "c1/p1" };
const instant = fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 });
const id = fc.string({ minLength: 1, maxLength: 12 });
const count = fc.nat({ max: 1000 });
const kind = fc.constantFrom("late_shipment" as const, "false_shipment" as const);

const listing: fc.Arbitrary<ListingRecord> = fc.record({
  productId: id,
  merchantId: id,
  shippingGuaranteeHours: fc.option(fc.constantFrom(24, 48, 72), { nil: null }),
  listedAt: instant,
  violations: count,
  weight: fc.double({ min: 0, max: 1, noNaN: true }),
  status: fc.constantFrom("live" as const, "delisted" as const),
  delistedAt: fc.option(instant, { nil: null }),
  changes: count,
});

const merchant: fc.Arbitrary<MerchantRecord> = fc.record({
  merchantId: id,
  violations: count,
  inForce: fc.array(fc.tuple(instant, id)),
  status: fc.constantFrom("active" as const, "exited" as const),
  exitedAt: fc.option(instant, { nil: null }),
  exitReason: fc.option(fc.constantFrom("exception_report" as const, "violations" as const), {
    nil: null,
  }),
  finalExit: fc.option(
    fc.record({
      at: instant,
      reason: fc.constantFrom("exception_report" as const, "withdrew" as const),
    }),
    { nil: null },
  ),
  finalApplied: fc.boolean(),
  changes: count,
  nextKey: fc.option(fc.nat(), { nil: null }),
});

const refund: fc.Arbitrary<RefundFact> = fc.record({
  refundId: id,
  at: instant,
  amountFen: fc.nat(),
  kind: fc.constantFrom("refund_only" as const, "return_refund" as const),
  decided: fc.option(
    fc.constantFrom("approved" as const, "kind" as const, "contradicted" as const),
    {
      nil: null,
    },
  ),
});

const claim: fc.Arbitrary<ClaimRecord> = fc.record(
  {
    kind,
    status: fc.constantFrom("paid" as const, "held" as const, "declined" as const, "none" as const),
    amountFen: fc.nat(),
    revision: fc.nat({ max: 5 }),
    byPerson: fc.constant(true as const),
  },
  { requiredKeys: ["kind", "status", "amountFen"] },
);

const order: fc.Arbitrary<OrderRecord> = fc.record({
  orderId: id,
  merchantId: id,
  productId: id,
  amountFen: fc.nat(),
  buyerId: id,
  buyerRisk: fc.constantFrom("normal" as const, "high" as const),
  paidAt: instant,
  campaign: fc.boolean(),
  shipDueAt: instant,
  shippedAt: fc.option(instant, { nil: null }),
  trackingNo: fc.option(id, { nil: null }),
  carrier: fc.option(id, { nil: null }),
  pickedUpAt: fc.option(instant, { nil: null }),
  deliveredAt: fc.option(instant, { nil: null }),
  refunds: fc.array(refund, { maxLength: 3 }),
  waived: fc.uniqueArray(kind),
  violation: fc.option(kind, { nil: null }),
  violationAt: fc.option(instant, { nil: null }),
  revoked: fc.uniqueArray(kind),
  claim: fc.option(claim, { nil: null }),
  intercepts: fc.integer({ min: 0, max: 3 }),
  nextKey: fc.option(fc.nat(), { nil: null }),
});

/** The error `run` throws, which must be a StoreCorruption. */
function corruption(run: () => unknown): StoreCorruption {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreCorruption);
    return error as StoreCorruption;
  }
  throw new Error("no error was thrown");
}

describe("records read back", () => {
  it("every record the engine writes reads back equal", () => {
    fc.assert(
      fc.property(listing, (l) => {
        expect(listingRecord(at, JSON.stringify(l))).toEqual(l);
      }),
    );
    fc.assert(
      fc.property(merchant, (m) => {
        expect(merchantRecord(at, JSON.stringify(m))).toEqual(m);
      }),
    );
    fc.assert(
      fc.property(order, fc.nat(), (o, pickupMs) => {
        expect(orderRecord(orderRow(o, pickupMs))).toEqual(o);
      }),
    );
  });

  it("records written before a field was kept read with its default", () => {
    const old = { productId: "p1", merchantId: "m1", listedAt: 1, violations: 0, weight: 1 };
    expect(listingRecord(at, JSON.stringify({ ...old, status: "live" }))).toMatchObject({
      delistedAt: null,
      changes: 0,
    });
    const m = { merchantId: "m1", violations: 0, status: "active", exitedAt: null };
    expect(merchantRecord(at, JSON.stringify(m))).toMatchObject({
      inForce: [],
      finalExit: null,
      finalApplied: false,
      changes: 0,
      nextKey: null,
    });
  });

  it("a field of the wrong shape names the table, column, row and field", () => {
    const good: ListingRecord = {
      productId: "p1",
      merchantId: "m1",
      shippingGuaranteeHours: 48,
      listedAt: 1,
      violations: 0,
      weight: 1,
      status: "live",
      delistedAt: null,
      changes: 0,
    };
    const bad: Array<[Partial<Record<keyof ListingRecord, unknown>>, string]> = [
      [{ productId: 7 }, "productId"],
      [{ violations: "2" }, "violations"],
      [{ violations: -1 }, "violations"],
      [{ listedAt: 1.5 }, "listedAt"],
      [{ status: "gone" }, "status"],
      [{ shippingGuaranteeHours: 0 }, "shippingGuaranteeHours"],
      [{ weight: null }, "weight"],
    ];
    for (const [change, field] of bad) {
      const e = corruption(() => listingRecord(at, JSON.stringify({ ...good, ...change })));
      expect(e.message).toMatch(
        new RegExp(`^store corruption: ff_listings\\.record of c1/p1 has ${field} = .+, not `),
      );
      expect([e.table, e.column, e.key]).toEqual(["ff_listings", "record", "c1/p1"]);
    }
    expect(corruption(() => listingRecord(at, "{not json")).message).toBe(
      "store corruption: ff_listings.record of c1/p1 is not JSON",
    );
    expect(corruption(() => merchantRecord(at, "[1]")).message).toBe(
      "store corruption: ff_listings.record of c1/p1 has the record = [1], not an object",
    );
  });

  it("an order row of the wrong shape names the column and the order", () => {
    const o = fc.sample(order, { numRuns: 1, seed: 7 })[0]!;
    const row = orderRow({ ...o, orderId: "o-9" }, 0);
    const broken = (i: number, v: unknown) => {
      const r = [...row];
      r[i] = v;
      return corruption(() => orderRecord(r)).message;
    };
    expect(broken(5, "medium")).toBe(
      'store corruption: ff_orders.buyer_risk of o-9 is "medium", not a risk',
    );
    expect(broken(6, null)).toBe("store corruption: ff_orders.paid_at of o-9 is missing");
    expect(broken(9, "soon")).toBe(
      'store corruption: ff_orders.shipped_at of o-9 is "soon", not an integer',
    );
    expect(broken(14, '[{"refundId":"r1"}]')).toMatch(
      /^store corruption: ff_orders\.refunds of o-9 has at = nothing, not an integer/,
    );
    expect(broken(15, "late_shipment,lost")).toMatch(
      /^store corruption: ff_orders\.waived of o-9 has a kind = "lost", not a violation kind/,
    );
    expect(broken(16, "early")).toMatch(/^store corruption: ff_orders\.violations of o-9 has/);
    expect(broken(19, '{"kind":"late_shipment","status":"paid"}')).toMatch(
      /^store corruption: ff_orders\.claim of o-9 has amountFen = nothing/,
    );
  });
});

describeStores("records corrupted in the database", (kind) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(kind);
  });

  it("fail to load with the table and key named, and load once repaired", async () => {
    const l: ListingRecord = {
      productId: "p1",
      merchantId: "m1",
      shippingGuaranteeHours: 48,
      listedAt: 1,
      violations: 0,
      weight: 1,
      status: "live",
      delistedAt: null,
      changes: 0,
    };
    const m: MerchantRecord = {
      merchantId: "m1",
      violations: 0,
      inForce: [],
      status: "active",
      exitedAt: null,
      exitReason: null,
      finalExit: null,
      finalApplied: false,
      changes: 0,
      nextKey: null,
    };
    const o = { ...fc.sample(order, { numRuns: 1, seed: 3 })[0]!, orderId: "o1" };
    await store.db.transaction().execute(async (trx) => {
      await saveListings(trx, "c1", [l], 1);
      await saveMerchants(trx, "c1", [m], 1);
      await saveOrders(trx, "c1", [{ row: orderRow(o, 0), before: undefined }], 1);
    });
    const load = () =>
      store.db.transaction().execute(async (trx) => ({
        listings: await loadListings(trx, "c1", ["p1"]),
        merchants: await loadMerchants(trx, "c1", ["m1"]),
        orders: await loadOrders(trx, "c1", ["o1"]),
      }));
    expect(await load()).toEqual({ listings: [l], merchants: [m], orders: [o] });
    // Outside a transaction too (SQLite's query builder path, not its raw statements).
    expect(await loadListings(store.db, "c1", ["p1"])).toEqual([l]);

    await sql`update ff_listings set record = ${JSON.stringify({ ...l, violations: "3" })}`.execute(
      store.db,
    );
    await expect(load()).rejects.toThrow(
      'store corruption: ff_listings.record of c1/p1 has violations = "3", not a non-negative integer',
    );
    await expect(loadListings(store.db, "c1", ["p1"])).rejects.toBeInstanceOf(StoreCorruption);
    await sql`update ff_listings set record = ${JSON.stringify(l)}`.execute(store.db);
    await sql`update ff_merchants set record = ${"{"}`.execute(store.db);
    await expect(load()).rejects.toThrow(
      "store corruption: ff_merchants.record of c1/m1 is not JSON",
    );
    await sql`update ff_merchants set record = ${JSON.stringify(m)}`.execute(store.db);
    await sql`update ff_orders set claim = ${'{"kind":"lost","status":"paid","amountFen":1}'}`.execute(
      store.db,
    );
    await expect(load()).rejects.toThrow(
      'store corruption: ff_orders.claim of o1 has kind = "lost", not one of late_shipment, false_shipment',
    );
  });
});
