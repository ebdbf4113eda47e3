/**
 * The decisions pages read each type's page on its own index range and merge them
 * (`decisionsPage`): paged through by `seq` at any page size, they give every decision of those
 * types, of the campaign or of one merchant, once each, in the order taken.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, expect, it } from "vitest";
import { CAMPAIGN, freshApi, type TestApi } from "../../../../test/support/api.js";
import { campaignStream, HOUR, lineOf, START } from "../../../../test/support/event-streams.js";
import { describeStores } from "../../../../test/support/stores.js";
import { DECISION_GROUPS } from "../../../app/fulfilment/reads.js";
import { decisionsPage } from "./reads.js";

describeStores("decisions pages", (kind) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await freshApi(kind, START + 40 * 24 * HOUR);
    // Three generated campaigns' worth of decisions, each with its own ids.
    for (const [r, stream] of fc.sample(campaignStream, { numRuns: 3, seed: 17 }).entries()) {
      const events = stream.map((t, i) => ({
        id: `d${r}-${i}`,
        ...JSON.parse(lineOf(t).replace(/"(o|p|m|b|r|T)(\d+)"/g, `"d${r}$1$2"`)),
      }));
      for (let i = 0; i < events.length; i += 20) {
        const res = await api.call("channel", "POST", "/api/v1/events", events.slice(i, i + 20));
        expect(res.statusCode).toBe(200);
      }
    }
  });

  it("give every decision of the types asked, once, in the order taken, at any page size", async () => {
    const db = api.ctx.store.db;
    const { rows } = await sql<{ seq: number; type: string; merchant_id: string | null }>`
      select seq, type, merchant_id from ff_decisions where campaign_id = ${CAMPAIGN}
      order by seq`.execute(db);
    const all = rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    expect(all.length).toBeGreaterThan(10);
    const merchants = [...new Set(all.map((r) => r.merchant_id).filter((m) => m !== null))];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.values(DECISION_GROUPS)),
        fc.option(fc.constantFrom(...merchants), { nil: undefined }),
        fc.integer({ min: 1, max: 7 }),
        async (types, merchantId, limit) => {
          const filter = { ...(merchantId === undefined ? {} : { merchantId }), types };
          const seen: number[] = [];
          let after = 0;
          for (;;) {
            const page = await decisionsPage(db, CAMPAIGN, filter, after, limit);
            seen.push(...page.map((d) => d.seq));
            if (page.length < limit) break;
            after = page.at(-1)!.seq;
          }
          const expected = all
            .filter((d) => types.length === 0 || (types as readonly string[]).includes(d.type))
            .filter((d) => merchantId === undefined || d.merchant_id === merchantId)
            .map((d) => d.seq);
          expect(seen).toEqual(expected);
        },
      ),
      { numRuns: 25 },
    );
  });
});
