/**
 * Every page of the console (`bench/console/tour.ts`) on the demo, in Chinese and English, at a
 * desktop's width and a phone's (390×844): axe-core finds no serious or critical violation, and
 * no page scrolls sideways on the phone.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type A11yViolation, seriousViolations } from "../../bench/console/axe.js";
import {
  DEMO_ACCOUNTS,
  DEMO_MERCHANT,
  type DemoServer,
  startDemoServer,
} from "../../bench/console/demo-server.js";
import { sidewaysOverflow, TOUR, walkTour } from "../../bench/console/tour.js";
import { type Browser, browserAvailable, launch } from "./browser.js";

const run = browserAvailable();

describe.skipIf(!run)("every console page, both languages, desktop and phone", () => {
  let server: DemoServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startDemoServer();
    browser = await launch();
    browser.page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("has no serious or critical axe violation and no sideways scroll on a phone", async () => {
    const problems: { page: string; violations?: A11yViolation[]; overflow?: number }[] = [];
    const errors: string[] = [];
    let visited = 0;
    browser.page.on("pageerror", (e) => errors.push(e.message));
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
        const where = `${step.name} ${lang} ${width}`;
        visited++;
        const violations = await seriousViolations(page);
        if (violations.length > 0) problems.push({ page: where, violations });
        if (width < 500) {
          const overflow = await sidewaysOverflow(page);
          if (overflow > 0) problems.push({ page: where, overflow });
        }
      },
    });
    expect(visited).toBe(TOUR.length * 4);
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  }, 600_000);
});
