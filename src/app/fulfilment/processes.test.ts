/**
 * Fulfilment across real `gala serve` processes: two servers on one PostgreSQL racing the same
 * batches and sweeps pay each claim and approve each refund once; a server killed with SIGKILL
 * mid-ingestion has kept every batch it acknowledged, and on restart fires the deadlines that
 * passed while it was down.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateEvents } from "../../../bench/events/generate.js";
import { netState } from "../../../test/support/event-streams.js";
import { freshCounts, keptCounts } from "../../../test/support/fresh-counts.js";
import {
  galaToken,
  getJson,
  postJson,
  root,
  type Served,
  startServe,
} from "../../../test/support/serve.js";
import { postgresUrl } from "../../../test/support/stores.js";
import { ReplaySession } from "../../domain/fulfilment/index.js";
import { readCampaignFile } from "../campaign-file.js";

const CAMPAIGN = "spring-festival-2024";
const running: Served[] = [];
afterAll(async () => {
  for (const s of running.splice(0)) await s.stop("SIGKILL");
});

beforeAll(async () => {
  const { existsSync } = await import("node:fs");
  if (!existsSync(new URL("../../../dist/src/cli/main.js", import.meta.url))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
});

const HOUR = 3_600_000;
const iso = (t: number) => new Date(t).toISOString().replace("Z", "+00:00");

/**
 * A listing, then `n` orders paid `stepMs` apart from `start`, every other one refunded a second
 * after its payment.
 */
function campaignEvents(prefix: string, start: number, n: number, stepMs = 60_000) {
  const events: object[] = [
    {
      id: `${prefix}-list`,
      type: "product.listed",
      at: iso(start - HOUR),
      merchantId: `${prefix}-m`,
      productId: `${prefix}-p`,
      shippingGuaranteeHours: 24,
    },
  ];
  for (let i = 0; i < n; i++) {
    const at = start + i * stepMs;
    events.push({
      id: `${prefix}-pay-${i}`,
      type: "order.paid",
      at: iso(at),
      orderId: `${prefix}-o${i}`,
      merchantId: `${prefix}-m`,
      productId: `${prefix}-p`,
      amountFen: 5_000,
      region: "CN-ZJ",
      buyer: { id: `b${i}`, risk: "normal" },
    });
    if (i % 2 === 0) {
      events.push({
        id: `${prefix}-refund-${i}`,
        type: "refund.requested",
        at: iso(at + 1_000),
        orderId: `${prefix}-o${i}`,
        refundId: `${prefix}-r${i}`,
        amountFen: 5_000,
        kind: "refund_only",
      });
    }
  }
  return events;
}

const pgDescribe = postgresUrl ? describe : describe.skip;

pgDescribe("two gala serve processes on one PostgreSQL", () => {
  it("never approve a refund or pay a claim twice", async () => {
    const schema = `race_${process.pid}_${Date.now().toString(36)}`;
    const db = `${postgresUrl}?schema=${schema}`;
    // The clock runs at two hours a second from 2024-02-10 00:00 (+08): orders paid on the
    // evening of the 9th with a 24 h guarantee fall due while both servers sweep.
    const clock = ["--clock", "2024-02-10T00:00:00+08:00", "--clock-speed", "7200"];
    const a = await startServe(["--db", db, ...clock]);
    running.push(a);
    const b = await startServe(["--db", db, ...clock]);
    running.push(b);
    const channel = galaToken(db, "channel");
    const operator = galaToken(db, "operator");
    const start = Date.parse("2024-02-09T20:00:00+08:00");
    const events = campaignEvents("race", start, 120);
    const batches: object[][] = [];
    for (let i = 0; i < events.length; i += 40) batches.push(events.slice(i, i + 40));

    // Batches go in order (events must), each to both servers at once, twice over.
    const answers = [];
    for (const batch of batches) {
      answers.push(
        ...(await Promise.all(
          [a, b, a, b].map((s) => postJson(`${s.url}/api/v1/events`, channel, batch)),
        )),
      );
    }
    expect(answers.flatMap((r) => r.errors)).toEqual([]);
    const accepted = answers.reduce((n, r) => n + r.accepted, 0);
    expect(accepted).toBe(events.length);
    const approved = answers
      .flatMap((r) => r.decisions)
      .filter((d) => d.type === "refund.approved");
    expect(approved).toHaveLength(60);
    expect(new Set(approved.map((d) => d.refundId)).size).toBe(60);

    // Wait for the sweepers: 60 unrefunded orders become late (deadline 2024-02-10 20:00–21:00).
    const base = `${a.url}/api/v1/campaigns/${CAMPAIGN}`;
    let totals: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) {
      totals = await getJson(`${base}/fulfilment/totals`, operator);
      if ((totals.violations as Record<string, number>).late_shipment === 60) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(totals).toMatchObject({
      orders: 120,
      instantRefunds: 60,
      violations: { late_shipment: 60 },
      claimsPaid: 60,
      // One merchant: its first three claims by the claim table's standard row (the minimum),
      // the rest by history-3 (it already has 3 violations in force: double, at least ¥10).
      claimsPaidFen: 3 * 500 + 57 * 1_000,
    });
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select type, count(*)::int as n, count(distinct effect_key)::int as keys
         from ${schema}.ff_decisions group by type order by type`,
      );
      for (const r of rows) expect(r.n).toBe(r.keys);
      const standing = await client.query(
        `select record from ${schema}.ff_merchants where merchant_id = 'race-m'`,
      );
      // Counted once per violation: a double application would count 120.
      expect(JSON.parse(standing.rows[0].record).violations).toBe(60);
    } finally {
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});

pgDescribe("two gala serve processes ingesting one campaign at once", () => {
  it("two producers, each posting its shuffled share to its own server: nothing lost, nothing twice, the net state of one process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gala-two-"));
    await generateEvents(join(dir, "events.jsonl"), 3_000, 11);
    const lines = readFileSync(join(dir, "events.jsonl"), "utf8").split("\n").filter(Boolean);
    // The net state one process reaches: the stream replayed in order, then time settled at
    // the servers' clock.
    const campaign = await readCampaignFile(`${root}campaigns/spring-festival-2024.yaml`);
    const session = new ReplaySession(campaign);
    let out = "";
    lines.forEach((l, i) => {
      out += session.line(l, i + 1);
    });
    out += session.line(JSON.stringify({ type: "clock", at: "2024-02-25T00:00:00+08:00" }), 0);
    out += session.finish();
    const expected = netState(
      out
        .split("\n")
        .filter((l) => l !== "" && !l.startsWith('{"line"'))
        .map((l) => JSON.parse(l)),
    );
    expect(expected.violations.length).toBeGreaterThan(10);

    const schema = `two_${process.pid}_${Date.now().toString(36)}`;
    const db = `${postgresUrl}?schema=${schema}`;
    const clock = ["--clock", "2024-02-25T00:00:00+08:00", "--clock-speed", "0"];
    const a = await startServe(["--db", db, ...clock]);
    running.push(a);
    const b = await startServe(["--db", db, ...clock]);
    running.push(b);
    const channel = galaToken(db, "channel");
    const operator = galaToken(db, "operator");
    // Shuffled (a fixed permutation), then dealt to two producers.
    const events = lines.map((l, i) => ({ id: `e${i}`, ...JSON.parse(l) }));
    const shuffled = events
      .map((e, i) => ({ e, k: (i * 7919) % 3001 }))
      .sort((x, y) => x.k - y.k)
      .map((x) => x.e);
    let shares = [shuffled.filter((_, i) => i % 2 === 0), shuffled.filter((_, i) => i % 2 === 1)];
    const refused: string[] = [];
    for (let round = 0; round < 8 && shares.some((s) => s.length > 0); round++) {
      const retry: object[][] = [[], []];
      await Promise.all(
        shares.map(async (share, p) => {
          const server = p === 0 ? a : b;
          for (let i = 0; i < share.length; i += 50) {
            const batch = share.slice(i, i + 50);
            const answer = await postJson(`${server.url}/api/v1/events`, channel, batch);
            for (const e of answer.errors as Array<{ index: number; error: { code: string } }>) {
              // Only events ahead of their payment are refused; they are sent again.
              if (e.error.code === "unknown_order") retry[p]!.push(batch[e.index]!);
              else refused.push(e.error.code);
            }
          }
        }),
      );
      shares = retry;
    }
    expect(refused).toEqual([]);
    expect(shares.flat()).toEqual([]);

    // Both sweepers settle what is due; wait until the feed stops growing.
    const base = `${a.url}/api/v1/campaigns/${CAMPAIGN}`;
    const feed = async () => {
      const items: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const page = await getJson(
          `${base}/decisions?limit=1000${cursor ? `&cursor=${cursor}` : ""}`,
          operator,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return items;
    };
    let decisions = await feed();
    for (let i = 0; i < 40; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const again = await feed();
      if (again.length === decisions.length && i > 2) break;
      decisions = again;
    }
    expect(netState(decisions)).toEqual(expected);
    const client = new pg.Client({ connectionString: postgresUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `select count(*)::int as events from ${schema}.ff_events`,
      );
      expect(rows[0].events).toBe(events.length);
      // The console's kept counts, written by both processes under their merchants' locks,
      // equal a fresh count (test/support/fresh-counts.ts).
      await client.query(`set search_path to ${schema}`);
      const run = async (text: string) => (await client.query(text)).rows;
      expect(await keptCounts(run, CAMPAIGN)).toEqual(
        await freshCounts(run, CAMPAIGN, campaign.timeZone),
      );
    } finally {
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  }, 180_000);
});

describe("gala serve killed with SIGKILL", () => {
  it("keeps every acknowledged batch and fires on restart what came due meanwhile", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gala-kill-"));
    const file = join(dir, "gala.db");
    const db = `sqlite:${file}`;
    const channel = galaToken(db, "channel");
    const operator = galaToken(db, "operator");
    const frozen = ["--clock-speed", "0"];
    const first = await startServe(["--db", db, "--clock", "2024-02-10T00:00:00+08:00", ...frozen]);
    running.push(first);
    // Five seconds apart: the last is before the server's (frozen) clock, which refuses events
    // dated more than --max-event-lead after it.
    const start = Date.parse("2024-02-09T20:00:00+08:00");
    const events = campaignEvents("kill", start, 2_000, 5_000);
    const acknowledged: string[] = [];
    const refused: unknown[] = [];
    let killed = false;
    const sending = (async () => {
      for (let i = 0; i < events.length && !killed; i += 100) {
        const batch = events.slice(i, i + 100) as Array<{ id: string }>;
        try {
          const answer = await postJson(`${first.url}/api/v1/events`, channel, batch);
          refused.push(...answer.errors);
          acknowledged.push(...batch.map((e) => e.id));
        } catch {
          return; // the server died under this batch: it was never acknowledged
        }
      }
    })();
    while (acknowledged.length < 800) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    await first.stop("SIGKILL");
    await sending;
    expect(refused).toEqual([]);

    const check = new Database(file, { readonly: true });
    const stored = new Set(
      (check.prepare("select event_id from ff_events").all() as Array<{ event_id: string }>).map(
        (r) => r.event_id,
      ),
    );
    check.close();
    expect(acknowledged.filter((id) => !stored.has(id))).toEqual([]);

    // Back two days later: every unrefunded, unshipped order stored has missed its deadline.
    const second = await startServe([
      "--db",
      db,
      "--clock",
      "2024-02-12T00:00:00+08:00",
      ...frozen,
    ]);
    running.push(second);
    const paidStored = [...stored].filter((id) => id.startsWith("kill-pay-")).length;
    const refundedStored = [...stored].filter((id) => id.startsWith("kill-refund-")).length;
    let totals: Record<string, unknown> = {};
    for (let i = 0; i < 40; i++) {
      totals = await getJson(
        `${second.url}/api/v1/campaigns/${CAMPAIGN}/fulfilment/totals`,
        operator,
      );
      if (((totals.violations as Record<string, number>).late_shipment ?? 0) > 0) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(totals).toMatchObject({
      orders: paidStored,
      instantRefunds: refundedStored,
      violations: { late_shipment: paidStored - refundedStored },
    });
    await second.stop();
  });
});
