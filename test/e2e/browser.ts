/**
 * Debian's Chromium driven by playwright-core — never a downloaded browser (`bench/console/
 * chromium.ts`). When Chromium is missing the browser tests skip with a message, unless
 * GALA_REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { CHROMIUM } from "../../bench/console/chromium.js";

export { type Browser, CHROMIUM, launch } from "../../bench/console/chromium.js";
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

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Replaces the campaign editor's whole text as a person would: select all, then type or paste.
 * Not `locator.fill`: CodeMirror renders only the lines near the view, so `fill` replaces just
 * those and leaves the rest of the file around the new text (what it renders depends on timing:
 * the cause of a console test that failed only on a busy machine).
 */
export async function replaceEditorText(page: Page, text: string): Promise<void> {
  const editor = page.locator(".cm-content");
  await editor.waitFor();
  await editor.click();
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(text);
}
