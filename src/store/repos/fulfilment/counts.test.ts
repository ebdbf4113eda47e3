/**
 * The console's kept counts (`ff_counts`) equal a fresh count of the orders and decisions after
 * any stream: generated campaigns delivered late and out of order by two producers at once (so
 * late facts correct violations, claims and weights already taken), held claims then paid or
 * declined by a person, the days folded by the sweeper. And the orders page's counts, the
 * dashboard's days and the totals read them.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../../test/support/api.js";
import {
  campaignStream,
  HOUR,
  lineOf,
  START,
  withinLateness,
} from "../../../../test/support/event-streams.js";
import { freshCounts, keptCounts, type RunSql } from "../../../../test/support/fresh-counts.js";
import { describeStores } from "../../../../test/support/stores.js";
import { countedStates, stateCounts } from "../../../app/console/orders.js";
import { DeadlineSweeper } from "../../../app/fulfilment/sweeper.js";
import { foldDayCounts, readCountSelections, readCounts } from "./counts.js";

const base = `/api/v1/campaigns/${CAMPAIGN}`;

describeStores("the console's kept counts", (kind) => {
  let api: TestApi;
  let run: RunSql;
  const zone = () => api.campaign.campaign.timeZone;
  beforeAll(async () => {
    api = await freshApi(kind, START + 40 * 24 * HOUR);
    run = async (text) =>
      (await sql.raw(text).execute(api.ctx.store.db)).rows as Array<Record<string, unknown>>;
  });

  it("equal a fresh count after any stream, with its corrections and a person's resolutions", async () => {
    await fc.assert(
      fc.asyncProperty(
        campaignStream,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 16 }),
        fc.integer({ min: 0, max: 48 * HOUR }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (stream, delays, lateness, pays, foldMeanwhile) => {
          // Each run its own ids, in one campaign: the counts accumulate across runs.
          const r = `c${Math.random().toString(36).slice(2, 8)}`;
          const rename = (text: string) => text.replace(/"(o|p|m|b|r|T)(\d+)"/g, `"${r}$1$2"`);
          const events = withinLateness(stream, delays, lateness).map((t, i) => ({
            id: `${r}-${i}`,
            ...JSON.parse(rename(lineOf(t))),
          }));
          // Two producers at once, each posting its share in batches of 5; an event ahead of
          // its order's payment is refused and sent again.
          let shares = [events.filter((_, i) => i % 2 === 0), events.filter((_, i) => i % 2 === 1)];
          for (let round = 0; round < 6 && shares.some((s) => s.length > 0); round++) {
            const retry: object[][] = [[], []];
            await Promise.all([
              // The sweeper's fold of the days, beside the writers.
              foldMeanwhile ? foldDayCounts(api.ctx.store.db, CAMPAIGN) : undefined,
              ...shares.map(async (share, p) => {
                for (let i = 0; i < share.length; i += 5) {
                  const batch = share.slice(i, i + 5);
                  const res = await api.call("channel", "POST", "/api/v1/events", batch);
                  expect(res.statusCode).toBe(200);
                  for (const e of res.json().errors) {
                    const event = batch[e.index] as { orderId?: string };
                    if (e.error.code === "unknown_order" && event.orderId !== "no-such-order") {
                      retry[p]!.push(event);
                    }
                  }
                }
              }),
            ]);
            shares = retry;
          }
          await new DeadlineSweeper(api.ctx).sweepOnce();
          // A person pays or declines the claims held for one.
          const held = (await api.call("operator", "GET", `${base}/claims/held?limit=500`)).json();
          for (const [i, claim] of (held.items as Array<{ orderId: string; kind: string }>)
            .filter((c) => c.orderId.startsWith(r))
            .entries()) {
            const body = pays[i % pays.length]
              ? { decision: "pay", note: "checked" }
              : { decision: "decline", reason: "buyer not verified" };
            const res = await api.call(
              "operator",
              "POST",
              `${base}/claims/held/${claim.orderId}/${claim.kind}`,
              body,
            );
            expect(res.statusCode).toBe(200);
          }
          expect(await keptCounts(run, CAMPAIGN)).toEqual(await freshCounts(run, CAMPAIGN, zone()));
        },
      ),
      { numRuns: kind === "sqlite" ? 12 : 6 },
    );
  }, 240_000);

  it("are what the orders page, the dashboard and the totals show", async () => {
    const db = api.ctx.store.db;
    const fresh = await freshCounts(run, CAMPAIGN, zone());
    const merchant = Object.keys(fresh)
      .find((k) => k.startsWith("orders@"))
      ?.slice("orders@".length);
    expect(merchant).toBeDefined();
    for (const merchantId of [undefined, merchant]) {
      const kept = await stateCounts(db, CAMPAIGN, { merchantId });
      // Counted over the orders with SQL of the page's own conditions (as under a search).
      expect(kept).toEqual(await countedStates(db, CAMPAIGN, { merchantId }));
      expect(kept.all).toBeGreaterThan(0);
    }
    const dashboard = (await api.call("operator", "GET", `${base}/dashboard`)).json();
    const days = Object.entries(fresh)
      .filter(([k]) => k.startsWith("day:") && k.endsWith(":orders@*"))
      .map(([k, n]) => [k.split(":")[2], n]);
    expect(
      dashboard.ordersByDay.map((d: { day: string; orders: number }) => [d.day, d.orders]),
    ).toEqual(days);
    const totals = (await api.call("operator", "GET", `${base}/fulfilment/totals`)).json();
    const sum = (prefix: string) =>
      Object.entries(fresh)
        .filter(([k]) => k.startsWith(prefix))
        .reduce((a, [, n]) => a + n, 0);
    expect(totals.orders).toBe(sum("orders@"));
    expect(totals.shippedOnTime).toBe(sum("on_time@"));
    expect(totals.instantRefunds).toBe(sum("decision:refund.approved:@"));
  });

  it("read together are what each selection reads alone", async () => {
    const db = api.ctx.store.db;
    const selections = [
      { names: ["orders", "on_time", "no-such-counter"] },
      { prefix: "decision:" },
      { prefix: `day:${zone()}:` },
      { names: [] },
      // Overlapping the first and second: each map still holds its own.
      { prefix: "o" },
      { names: ["orders", "decision:refund.approved:"] },
    ] as const;
    const together = await readCountSelections(db, CAMPAIGN, selections);
    const alone = await Promise.all(selections.map((w) => readCounts(db, CAMPAIGN, w)));
    expect(together).toEqual(alone);
    expect(together[0].get("orders")?.n).toBeGreaterThan(0);
    expect(together[1].size).toBeGreaterThan(0);
    expect(together[4].has("on_time")).toBe(true);
    expect(await readCountSelections(db, CAMPAIGN, [{ names: [] }])).toEqual([new Map()]);
  });
});
