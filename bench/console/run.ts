/**
 * `npm run bench:console`: the console on the large demo. Seeds `gala serve --demo --scale large`
 * (a few minutes), then measures interaction to next paint on every page (`inp.ts`) and prints
 * the console's bundle sizes (raw, gzip, brotli as served), as Markdown for bench/RESULTS.md.
 * Timings mean something only on a quiet machine.
 */
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./chromium.js";
import { DEMO_ACCOUNTS, DEMO_MERCHANT, startDemoServer } from "./demo-server.js";
import { measureInp } from "./inp.js";

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;

function bundleTable(dir: string): string {
  const assets = join(dir, "assets");
  const rows = readdirSync(assets)
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => ({
      name: f.replace(/-[\w-]{8}\.(js|css)$/, ".$1"),
      raw: statSync(join(assets, f)).size,
      gz: statSync(join(assets, `${f}.gz`)).size,
      br: statSync(join(assets, `${f}.br`)).size,
    }))
    .sort((a, b) => b.raw - a.raw);
  return [
    "| asset | raw | gzip | brotli (served) |",
    "|---|---|---|---|",
    ...rows.map((r) => `| ${r.name} | ${kb(r.raw)} | ${kb(r.gz)} | ${kb(r.br)} |`),
  ].join("\n");
}

async function main() {
  const root = process.cwd();
  console.log(bundleTable(join(root, "dist/web")));
  const t0 = performance.now();
  const server = await startDemoServer(["--scale", "large"]);
  console.log(`\nlarge demo seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
  const browser = await launch({ width: 1440, height: 900 });
  try {
    const results = await measureInp(browser.context, browser.page, {
      base: server.url,
      merchantId: DEMO_MERCHANT,
      accounts: DEMO_ACCOUNTS,
    });
    console.log("\n| page | INP (slowest interaction) | event |\n|---|---|---|");
    // 0: no interaction took 16 ms or more (the observer's threshold).
    for (const r of results) {
      console.log(`| ${r.page} | ${r.inpMs === 0 ? "< 16" : r.inpMs} ms | ${r.event} |`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
