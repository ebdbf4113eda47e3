/// <reference lib="dom" />
/**
 * `npm run screenshots`: every page of the console (`tour.ts`) at 1440×900 and 390×844, in
 * Chinese and English, on the demo (`gala serve --demo`, clock standing still), written to
 * `test-output/screenshots/pages/NAME-LANG-WIDTH.png`. `--scale large` pictures the large demo.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { launch } from "./chromium.js";
import { DEMO_ACCOUNTS, DEMO_MERCHANT, startDemoServer } from "./demo-server.js";
import { walkTour } from "./tour.js";

const OUT = "test-output/screenshots/pages";
const MAX_HEIGHT = 2400;

async function main() {
  const large = process.argv.includes("--scale") && process.argv.includes("large");
  mkdirSync(OUT, { recursive: true });
  const server = await startDemoServer(large ? ["--scale", "large"] : []);
  const browser = await launch();
  let count = 0;
  try {
    await walkTour(browser.context, browser.page, {
      base: server.url,
      merchantId: DEMO_MERCHANT,
      accounts: DEMO_ACCOUNTS,
      langs: ["zh-CN", "en"],
      viewports: [
        { width: 1440, height: 900 },
        { width: 390, height: 844 },
      ],
      visit: async (page, { step, lang, width }) => {
        const file = join(OUT, `${step.name}-${lang}-${width}.png`);
        // The whole page, but a list of thousands of rows only as far as its first screens.
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.screenshot({
          path: file,
          fullPage: true,
          clip: { x: 0, y: 0, width, height: Math.min(height, MAX_HEIGHT) },
        });
        count++;
        process.stderr.write(`${file}\n`);
      },
    });
  } finally {
    await browser.close();
    await server.stop();
  }
  process.stderr.write(`${count} screenshots in ${OUT}\n`);
}

await main();
