/**
 * Webhooks from real `gala serve` processes: a server killed with SIGKILL while decisions wait
 * to be delivered loses none of them — the server started again on the same database delivers
 * every one, in order — on SQLite and on PostgreSQL; two servers on one PostgreSQL deliver each
 * decision once, in order.
 */
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  galaToken,
  getJson,
  postJson,
  type Served,
  startServe,
} from "../../../test/support/serve.js";
import { postgresUrl } from "../../../test/support/stores.js";
import { type Receiver, startReceiver } from "../../../test/support/webhook-receiver.js";

const CAMPAIGN = "spring-festival-2024";
const SECRET = "whsec_processes_0123456789";
const running: Served[] = [];
const receivers: Receiver[] = [];
afterAll(async () => {
  for (const s of running.splice(0)) await s.stop("SIGKILL");
  for (const r of receivers.splice(0)) await r.close();
});
beforeAll(() => {
  if (!existsSync(new URL("../../../dist/src/cli/main.js", import.meta.url))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
  }
});

const iso = (t: number) => new Date(t).toISOString().replace("Z", "+00:00");

/** `n` orders, each refunded (an instant refund: a decision) a minute after payment. */
function refundedOrders(n: number): object[] {
  const start = Date.parse("2024-02-11T08:00:00+08:00");
  const events: object[] = [
    {
      id: "wh-list",
      type: "product.listed",
      at: iso(start - 3_600_000),
      merchantId: "wh-m",
      productId: "wh-p",
      shippingGuaranteeHours: 24,
    },
  ];
  for (let i = 0; i < n; i++) {
    const at = start + i * 60_000;
    events.push(
      {
        id: `wh-pay-${i}`,
        type: "order.paid",
        at: iso(at),
        orderId: `wh-o${i}`,
        merchantId: "wh-m",
        productId: "wh-p",
        amountFen: 5_000,
        region: "CN-ZJ",
        buyer: { id: `b${i}`, risk: "normal" },
      },
      {
        id: `wh-refund-${i}`,
        type: "refund.requested",
        at: iso(at + 30_000),
        orderId: `wh-o${i}`,
        refundId: `wh-r${i}`,
        amountFen: 5_000,
        kind: "refund_only",
      },
    );
  }
  return events;
}

async function until(what: string, check: () => Promise<boolean> | boolean, ms = 60_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function killAndRestart(db: string) {
  const receiver = await startReceiver(SECRET);
  receivers.push(receiver);
  // Slow: the server is killed with most of the decisions still waiting to be delivered.
  receiver.delay(150);
  const flags = [
    "--db",
    db,
    "--clock",
    "2024-02-12T10:00:00+08:00",
    "--clock-speed",
    "0",
    "--webhook",
    receiver.url,
  ];
  const env = { GALA_WEBHOOK_SECRET: SECRET };
  const channel = galaToken(db, "channel");
  const operator = galaToken(db, "operator");
  const first = await startServe(flags, env);
  running.push(first);
  const answer = await postJson(`${first.url}/api/v1/events`, channel, refundedOrders(40));
  expect(answer.errors).toEqual([]);
  await until("a few deliveries", () => receiver.acknowledged().length >= 3);
  await first.stop("SIGKILL");
  const before = receiver.acknowledged().length;

  receiver.delay(0);
  const second = await startServe(flags, env);
  running.push(second);
  await until("every decision delivered", async () => {
    const status = await getJson(`${second.url}/api/v1/webhooks`, operator);
    return status.items[0]?.pending === 0;
  });
  const decided = await getJson(
    `${second.url}/api/v1/campaigns/${CAMPAIGN}/decisions?limit=1000`,
    operator,
  );
  const all = decided.items.length;
  expect(all).toBeGreaterThanOrEqual(40);
  expect(before).toBeLessThan(all);
  await second.stop("SIGTERM");
  const acked = receiver.acknowledged();
  expect(acked.every((r) => r.signatureOk)).toBe(true);
  // At least once, in order: the first acknowledgement of each seq comes in seq order, and
  // every decision is there; the one in flight at the kill may come twice.
  const firstSeen: number[] = [];
  for (const r of acked) if (!firstSeen.includes(r.seq)) firstSeen.push(r.seq);
  expect(firstSeen).toHaveLength(all);
  expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));
  expect(acked.length - all).toBeLessThanOrEqual(1);
  expect(new Set(acked.map((r) => r.id)).size).toBe(all);
}

describe("webhooks across a SIGKILL", () => {
  it("on SQLite: the restarted server delivers everything the killed one had not", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gala-webhooks-"));
    await killAndRestart(`sqlite:${join(dir, "gala.db")}`);
  });

  (postgresUrl ? it : it.skip)("on PostgreSQL: the same", async () => {
    const schema = `webhooks_${process.pid}_${Date.now().toString(36)}`;
    try {
      await killAndRestart(`${postgresUrl}?schema=${schema}`);
    } finally {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});

(postgresUrl ? describe : describe.skip)("webhooks from two servers on one PostgreSQL", () => {
  it("deliver every decision once, in order", async () => {
    const schema = `webhooks2_${process.pid}_${Date.now().toString(36)}`;
    const db = `${postgresUrl}?schema=${schema}`;
    const servers: Served[] = [];
    try {
      const receiver = await startReceiver(SECRET);
      receivers.push(receiver);
      receiver.delay(20);
      const flags = ["--db", db, "--clock", "2024-02-12T10:00:00+08:00", "--clock-speed", "0"];
      const env = { GALA_WEBHOOK_SECRET: SECRET };
      const a = await startServe([...flags, "--webhook", receiver.url], env);
      servers.push(a);
      const b = await startServe([...flags, "--webhook", receiver.url], env);
      servers.push(b);
      const channel = galaToken(db, "channel");
      const operator = galaToken(db, "operator");
      const answer = await postJson(`${a.url}/api/v1/events`, channel, refundedOrders(30));
      expect(answer.errors).toEqual([]);
      await until("every decision delivered", async () => {
        const status = await getJson(`${b.url}/api/v1/webhooks`, operator);
        return status.items[0]?.pending === 0;
      });
      const decided = await getJson(
        `${a.url}/api/v1/campaigns/${CAMPAIGN}/decisions?limit=1000`,
        operator,
      );
      const seqs = receiver.acknowledged().map((r) => r.seq);
      expect(seqs).toHaveLength(decided.items.length);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expect(new Set(seqs).size).toBe(seqs.length);
    } finally {
      for (const s of servers) await s.stop("SIGKILL");
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop schema if exists ${schema} cascade`);
      await client.end();
    }
  });
});
