/**
 * `gala demo [--url URL] [--token TOKEN] [--speed X]`: streams a simulated campaign into a running
 * server over HTTP with a channel token — merchants shipping on time, late, falsely, buyers asking
 * refunds — and prints what the server decided. Runs until Ctrl-C (or `--duration S`).
 */
import type { Command } from "commander";
import { DemoStream, type DemoTarget } from "../../app/fulfilment/demo-stream.js";
import { parseInstant } from "../../domain/time/parse.js";
import { EXIT_CANNOT_RUN } from "../exit-codes.js";

interface DemoFlags {
  url: string;
  token?: string;
  campaign: string;
  speed: string;
  ordersPerHour: string;
  seed: string;
  duration?: string;
}

export function registerDemoCommand(program: Command): void {
  program
    .command("demo")
    .description(
      "stream a simulated campaign into a running server (channel events over HTTP); not into `gala serve --demo`, which streams its own and whose events would then arrive out of order",
    )
    .option("--url <url>", "the server", "http://localhost:8080")
    .option("--token <token>", "a channel token (default: $GALA_TOKEN)")
    .option("--campaign <id>", "campaign whose venue and clock to follow", "spring-festival-2024")
    .option("--speed <x>", "simulated time runs X times faster than real time", "1800")
    .option("--orders-per-hour <n>", "orders per simulated hour", "20")
    .option("--seed <n>", "random seed", "1")
    .option("--duration <s>", "stop after S seconds (default: run until Ctrl-C)")
    .action(async (flags: DemoFlags) => {
      await demo(flags);
    });
}

async function demo(flags: DemoFlags): Promise<void> {
  const token = flags.token ?? process.env.GALA_TOKEN;
  if (!token)
    cannotRun(
      "no channel token: pass --token TOKEN (gala token create --role channel) or set GALA_TOKEN.",
    );
  const numbers = [flags.speed, flags.ordersPerHour, flags.seed, flags.duration ?? "1"].map(Number);
  if (numbers.some((n) => !Number.isFinite(n) || n <= 0)) {
    cannotRun("--speed, --orders-per-hour, --seed and --duration take positive numbers.");
  }
  const base = flags.url.replace(/\/$/, "");
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const venueUrl = `${base}/api/v1/campaigns/${encodeURIComponent(flags.campaign)}/venue?limit=1000`;
  const get = async () => {
    const res = await fetch(venueUrl, { headers });
    if (!res.ok) throw new Error(`GET ${venueUrl}: ${res.status} ${await res.text()}`);
    return (await res.json()) as {
      now: string;
      items: Array<{
        productId: string;
        merchantId: string;
        shippingGuaranteeHours: number | null;
      }>;
    };
  };
  const target: DemoTarget = {
    now: async () => parseInstant((await get()).now) ?? Date.now(),
    venue: async () =>
      (await get()).items.map((i) => ({
        productId: i.productId,
        merchantId: i.merchantId,
        shippingGuaranteeHours: i.shippingGuaranteeHours,
      })),
    async send(events) {
      const res = await fetch(`${base}/api/v1/events`, {
        method: "POST",
        headers,
        body: JSON.stringify(events),
      });
      if (!res.ok) throw new Error(`POST /api/v1/events: ${res.status} ${await res.text()}`);
      return (await res.json()) as Awaited<ReturnType<DemoTarget["send"]>>;
    },
  };
  try {
    await target.now();
  } catch (error) {
    cannotRun(`cannot reach ${base} as a channel: ${(error as Error).message}`);
  }
  const stream = new DemoStream(target, {
    speed: Number(flags.speed),
    ordersPerHour: Number(flags.ordersPerHour),
    intervalMs: 1_000,
    seed: Number(flags.seed),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  await stream.start();
  const stop = async () => {
    await stream.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  if (flags.duration) setTimeout(stop, Number(flags.duration) * 1000);
}

function cannotRun(message: string): never {
  process.stderr.write(`gala demo: ${message}\n`);
  process.exit(EXIT_CANNOT_RUN);
}
