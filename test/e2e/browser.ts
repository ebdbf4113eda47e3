/**
 * Debian's Chromium driven by playwright-core — never a downloaded browser. When Chromium is
 * missing the browser tests skip with a message, unless GALA_REQUIRE_BROWSER=1 (CI), where a
 * missing browser is a failure.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.GALA_CHROMIUM ?? "/usr/bin/chromium";
export const SCREENSHOTS = "test-output/screenshots";

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.GALA_REQUIRE_BROWSER === "1") {
    throw new Error(
      `GALA_REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist (apt-get install chromium)`,
    );
  }
  console.warn(`browser tests skipped: ${CHROMIUM} not found (apt-get install chromium)`);
  return false;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launch(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), "gala-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1360, height: 900 },
    locale: "zh-CN",
    timezoneId: "America/New_York", // the console must still show Beijing time
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
