/**
 * A rehearsal from history (`gala serve --replay-from`): a stored campaign's events played back
 * into a fresh database. Under the source's own rules it ends where the source is; under another
 * policy it ends where the editor's enforcement impact says that policy would have; events come
 * in as the clock passes them; a restart sends nothing twice.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../test/support/api.js";
import { freshApp, REFERENCE_CAMPAIGN } from "../../../test/support/app.js";
import { describeStores } from "../../../test/support/stores.js";
import {
  HISTORY_END,
  HISTORY_START,
  HOUR,
  seedHistory,
} from "../../../test/support/whatif-history.js";
import { parseCampaign } from "../../domain/campaign/load.js";
import { openStore } from "../../store/index.js";
import { eventLogCount, eventLogEnd } from "../../store/repos/fulfilment/event-log.js";
import { campaignTotals } from "../../store/repos/fulfilment/reads.js";

type Totals = Awaited<ReturnType<typeof campaignTotals>>;

import { FixedClock, HoldableClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { DeadlineSweeper } from "../fulfilment/sweeper.js";
import { enforcementImpact } from "../whatif/enforcement-impact.js";
import { planRehearsal, type RehearsalPlan, RehearsalProblem, startRehearsal } from "./plan.js";

const reference = readFileSync(REFERENCE_CAMPAIGN, "utf8");
const rate8 = reference.replace("pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800");

describeStores("a rehearsal from history", (kind) => {
  let source: TestApi;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeEach(async () => {
    source = await freshApi(kind, HISTORY_START);
    await seedHistory(source);
    lines.length = 0;
  });

  /** A fresh server's context whose clock stands at `at` (held, so tests move it by hand). */
  async function target(at: number): Promise<{ ctx: AppContext; base: FixedClock }> {
    const app = await freshApp(kind, at);
    const base = new FixedClock(at);
    return { ctx: { ...app.ctx, clock: new HoldableClock(base) }, base };
  }

  const plan = (text: string): RehearsalPlan => ({
    source: source.ctx.store,
    campaignId: CAMPAIGN,
    campaignText: text,
    campaignSource: "test",
  });

  async function rehearse(text: string, at: number) {
    const t = await target(at);
    const rehearsal = await startRehearsal(t.ctx, plan(text), t.ctx.clock as HoldableClock, log);
    await new DeadlineSweeper(t.ctx).sweepOnce();
    return { ...t, rehearsal };
  }

  it("under the source's rules, ends where the source is", async () => {
    const { ctx, rehearsal } = await rehearse(reference, HISTORY_END);
    const want = await campaignTotals(source.ctx.store.db, CAMPAIGN);
    const got = await campaignTotals(ctx.store.db, CAMPAIGN);
    expect(got).toEqual(want);
    expect(want.claimsPaid).toBeGreaterThan(0);
    expect(rehearsal.tally.refused).toBe(0);
    expect(lines[0]).toMatch(
      /^rehearsal: copied 2 merchants, \d+ products, .* 2 listings approved at review/,
    );
    // The console's sign-ins and the venue came across too.
    const venue = await ctx.store.db.selectFrom("listings").select("product_id").execute();
    expect(venue.map((l) => l.product_id).sort()).toEqual(["m1-p0", "m2-p0", "p9"]);
  });

  it("under another policy, ends where the editor's impact says that policy would have", async () => {
    const { ctx } = await rehearse(rate8, HISTORY_END);
    const b = parseCampaign(rate8, "rate8");
    if (!b.ok) throw new Error("rate8 does not load");
    source.clock.set(HISTORY_END);
    const current = (await source.ctx.campaigns.current(CAMPAIGN))!.campaign;
    const impact = await enforcementImpact(source.ctx, current, b.campaign);
    const got = await campaignTotals(ctx.store.db, CAMPAIGN);
    expect((await ctx.campaigns.current(CAMPAIGN))!.campaign.hash).toBe(b.campaign.hash);
    expect(got.claimsPaidFen).toBe(impact.totals.claimsPaidFen.b);
    expect(got.claimsPaidFen).toBeGreaterThan(impact.totals.claimsPaidFen.a);
    expect(got.claimsPaid).toBe(impact.totals.claimsPaid.b);
    expect((got.violations.late_shipment ?? 0) + (got.violations.false_shipment ?? 0)).toBe(
      impact.totals.violations.b,
    );
    expect(got.delistedProducts).toBe(impact.totals.delistings.b);
    expect(got.exitedMerchants).toBe(impact.totals.exits.b);
    expect(got.instantRefunds).toBe(impact.totals.instantRefunds.b);
  });

  it("sends events as the clock passes them, and a restart sends nothing twice", async () => {
    const middle = HISTORY_START + 30 * HOUR;
    const { ctx, base, rehearsal } = await rehearse(reference, middle);
    const sentBefore = rehearsal.tally.sent;
    expect(sentBefore).toBeGreaterThan(0);
    const stored = async () =>
      Number(
        (
          await ctx.store.db
            .withTables<{ ff_events: { event_id: string; at: number } }>()
            .selectFrom("ff_events")
            .select((eb) => [eb.fn.countAll<number>().as("n"), eb.fn.max("at").as("last")])
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await stored()).toBe(sentBefore);
    // None sent before the clock had passed it.
    const latest = await ctx.store.db
      .withTables<{ ff_events: { at: number } }>()
      .selectFrom("ff_events")
      .select((eb) => eb.fn.max("at").as("at"))
      .executeTakeFirstOrThrow();
    expect(Number(latest.at)).toBeLessThanOrEqual(middle);
    const total = await eventLogCount(
      source.ctx.store.db,
      CAMPAIGN,
      await eventLogEnd(source.ctx.store.db, CAMPAIGN),
    );
    expect(sentBefore).toBeLessThan(total);
    rehearsal.start();
    base.set(HISTORY_END);
    for (let i = 0; i < 250 && (await stored()) < total; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await rehearsal.stop();
    const all = await stored();
    expect(all).toBe(total);
    // Started again on the same database: everything is there already.
    const again = await startRehearsal(ctx, plan(reference), ctx.clock as HoldableClock, log);
    expect(again.tally.sent).toBe(0);
    expect(again.tally.duplicates).toBe(all);
    expect(await stored()).toBe(all);
  });

  describe("people's acts", () => {
    const base = `/api/v1/campaigns/${CAMPAIGN}`;
    /** In the source: m1 appeals o2's late shipment, upheld; the held claim paid; m2 withdraws. */
    async function act() {
      const filed = await source.call("m1", "POST", `${base}/merchants/m1/appeals`, {
        orderId: "o2",
        kind: "late_shipment",
        reason: "the carrier lost the parcel's first scan",
        evidence: { trackingNo: "T2", carrier: "SF" },
      });
      expect(filed.statusCode).toBe(201);
      const upheld = await source.call(
        "operator",
        "POST",
        `/api/v1/appeals/${filed.json().appealId}/decision`,
        { decision: "uphold", note: "the carrier confirmed it" },
      );
      expect(upheld.statusCode).toBe(200);
      const held = (await source.call("operator", "GET", `${base}/claims/held`)).json().items;
      expect(held).toHaveLength(1);
      const paid = await source.call(
        "operator",
        "POST",
        `${base}/claims/held/${held[0].orderId}/${held[0].kind}`,
        { decision: "pay", note: "buyer verified by phone" },
      );
      expect(paid.statusCode).toBe(200);
      const left = await source.call("m2", "POST", `${base}/merchants/m2/withdrawal`, {
        reason: "we cannot ship in time",
      });
      expect(left.statusCode).toBe(200);
    }
    const appeals = (ctx: AppContext) =>
      ctx.store.db
        .selectFrom("appeals")
        .select(["order_id", "kind", "status", "reason", "evidence", "filed_by", "decision_note"])
        .execute();

    it("takes them again where the source took them: the same end, the same appeals", async () => {
      await act();
      const { ctx, rehearsal } = await rehearse(reference, HISTORY_END);
      expect(rehearsal.tally.acts).toEqual({ taken: 4, refused: 0, duplicates: 0 });
      const want = await campaignTotals(source.ctx.store.db, CAMPAIGN);
      const got = await campaignTotals(ctx.store.db, CAMPAIGN);
      expect(got).toEqual(want);
      expect(want.exitedMerchants).toBeGreaterThan(0);
      expect(await appeals(ctx)).toEqual(await appeals(source.ctx));
      expect((await appeals(ctx))[0]).toMatchObject({ status: "upheld", order_id: "o2" });
      // Started again on the same database: every act is there already.
      const again = await startRehearsal(ctx, plan(reference), ctx.clock as HoldableClock, log);
      expect(again.tally.acts).toEqual({ taken: 0, refused: 0, duplicates: 4 });
      expect(await campaignTotals(ctx.store.db, CAMPAIGN)).toEqual(want);
      expect(await appeals(ctx)).toHaveLength(1);
    });

    it("takes them as the clock passes them, each in the log", async () => {
      await act();
      const { ctx, base, rehearsal } = await rehearse(reference, HISTORY_START + 30 * HOUR);
      expect(rehearsal.tally.acts).toEqual({ taken: 0, refused: 0, duplicates: 0 });
      rehearsal.start();
      base.set(HISTORY_END);
      for (let i = 0; i < 250 && rehearsal.tally.acts.taken < 4; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await rehearsal.stop();
      expect(rehearsal.tally.acts.taken).toBe(4);
      // The net state: the clock jumped five days at once here, so the events came in late
      // and corrected more on the way (revocations, reversals) than the source did.
      const net = ({ violationsRevoked, claimsReversed, claimsReversedFen, ...rest }: Totals) =>
        rest;
      expect(net(await campaignTotals(ctx.store.db, CAMPAIGN))).toEqual(
        net(await campaignTotals(source.ctx.store.db, CAMPAIGN)),
      );
      expect(lines.filter((l) => / {2}appeal filed$/.test(l))).toHaveLength(1);
      expect(lines.some((l) => / {2}appeal decided {2}→ .*violation\.revoked/.test(l))).toBe(true);
      expect(lines.some((l) => / {2}claim resolved {2}→ claim\.paid$/.test(l))).toBe(true);
    });

    it("under a policy where an act no longer applies, refuses it as the API would", async () => {
      await act();
      // No claim is held for a high-risk buyer: it is paid at once, and the person's payment is refused.
      const noHold = reference.replace(
        "    - id: high-risk-buyer\n      when: { buyerRisk: [high] }\n      hold: buyer_risk\n",
        "",
      );
      expect(noHold).not.toBe(reference);
      const { rehearsal } = await rehearse(noHold, HISTORY_END);
      expect(rehearsal.tally.acts).toEqual({ taken: 3, refused: 1, duplicates: 0 });
      expect(lines.some((l) => /1 refused, 0 already here\)/.test(l))).toBe(true);
    });
  });
});

describe("setting up a rehearsal", () => {
  it("refuses what a person can fix, with the fix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gala-rehearsal-"));
    const empty = `sqlite:${join(dir, "empty.db")}`;
    await (await openStore(empty)).close();
    const other = `sqlite:${join(dir, "other.db")}`;
    await expect(planRehearsal(`sqlite:${join(dir, "none.db")}`, other, undefined)).rejects.toThrow(
      /no such file.*--replay-from sqlite:/,
    );
    await expect(planRehearsal(empty, empty, undefined)).rejects.toThrow(
      /is the database the server would write to.*Pass --db/,
    );
    await expect(planRehearsal(empty, other, join(dir, "b.yaml"))).rejects.toThrow(
      /--replay-campaign .*b\.yaml cannot be read/,
    );
    await expect(planRehearsal(empty, other, undefined)).rejects.toThrow(
      /holds no channel events: nothing to rehearse/,
    );
    await expect(planRehearsal(empty, other, REFERENCE_CAMPAIGN)).rejects.toThrow(RehearsalProblem);
    rmSync(dir, { recursive: true, force: true });
  });
});
