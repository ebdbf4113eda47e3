/// <reference lib="dom" />
/**
 * Interaction to next paint on each console page: real clicks and keys through Chromium, the
 * slowest interaction's event duration (PerformanceObserver "event", as INP counts it) per page.
 * `npm run bench:console` runs it on the large demo (`--scale large`: ~300 merchants, ~10,000
 * products, ~100,000 orders) and prints a table for bench/RESULTS.md; `test/e2e/large.test.ts`
 * holds every page under 200 ms.
 */
import type { BrowserContext, Page } from "playwright-core";
import { type Credentials, settle, signIn, signOut } from "./tour.js";

export interface InpStep {
  name: string;
  who: "merchant" | "operator";
  path: string;
  interact: (page: Page) => Promise<void>;
}

const pause = (page: Page) => page.waitForTimeout(350);

export const INP_STEPS: readonly InpStep[] = [
  {
    name: "review queue",
    who: "operator",
    path: "/review",
    interact: async (page) => {
      await page.locator("h1").click();
      for (const key of ["j", "j", "x", "k"]) {
        await page.keyboard.press(key);
        await pause(page);
      }
      await page.locator("[data-open-detail]").first().click();
      await page.getByTestId("registration-detail").waitFor();
      await pause(page);
      await page.keyboard.press("j");
      await pause(page);
      await page.keyboard.press("Escape");
      await pause(page);
    },
  },
  {
    name: "dashboard",
    who: "operator",
    path: "/dashboard",
    interact: async (page) => {
      await page
        .getByRole("button")
        .filter({ hasText: /刷新|Refresh/ })
        .click();
      await pause(page);
    },
  },
  {
    name: "merchants",
    who: "operator",
    path: "/merchants",
    interact: async (page) => {
      await page.getByTestId("merchant-filter").selectOption("violations");
      await settle(page);
      await page.locator("input[type=search]").pressSequentially("m-0", { delay: 50 });
      await settle(page);
    },
  },
  {
    name: "orders (all)",
    who: "operator",
    path: "/orders",
    interact: async (page) => {
      for (const state of ["to_ship", "refund_pending", "all"]) {
        await page.locator(`[data-state=${state}]`).click();
        await settle(page);
      }
      await page.mouse.wheel(0, 4000);
      await pause(page);
      await page.locator("input[type=search]").pressSequentially("large-o1", { delay: 50 });
      await settle(page);
    },
  },
  {
    name: "audit log",
    who: "operator",
    path: "/audit",
    interact: async (page) => {
      await page.locator("select").first().selectOption("review.reject");
      await settle(page);
      await page.locator("input[type=search]").pressSequentially("主图", { delay: 50 });
      await settle(page);
    },
  },
  {
    name: "campaign editor",
    who: "operator",
    path: "/editor",
    interact: async (page) => {
      await page.locator(".cm-content").click();
      await page.keyboard.type("# x", { delay: 50 });
      await pause(page);
      await page.getByRole("button", { name: /校验|Validate/ }).click();
      await settle(page);
    },
  },
  {
    name: "venue",
    who: "operator",
    path: "/venue",
    interact: async (page) => {
      await page.mouse.wheel(0, 3000);
      await pause(page);
      await page.locator("input[type=search]").pressSequentially("收纳", { delay: 50 });
      await settle(page);
    },
  },
  {
    name: "merchant orders",
    who: "merchant",
    path: "/merchants/{m}/orders",
    interact: async (page) => {
      for (const i of [1, 2, 0]) {
        await page.getByRole("tab").nth(i).click();
        await settle(page);
      }
      await page.locator("[data-state=to_ship]").click();
      await settle(page);
    },
  },
  {
    name: "merchant register",
    who: "merchant",
    path: "/merchants/{m}/register",
    interact: async (page) => {
      await page.locator("input[type=checkbox]").nth(1).check();
      await pause(page);
      await page.locator("input[type=search]").pressSequentially("杯", { delay: 50 });
      await settle(page);
    },
  },
];

/** Starts recording the page's slowest interaction (event timing entries with an interaction). */
async function observe(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __inp: { max: number; what: string } };
    w.__inp = { max: 0, what: "" };
    new PerformanceObserver((list) => {
      // interactionId: in Chromium, not yet in TypeScript's DOM types.
      for (const e of list.getEntries() as Array<
        PerformanceEventTiming & { interactionId?: number }
      >) {
        if (e.interactionId && e.duration > w.__inp.max) {
          w.__inp = { max: e.duration, what: e.name };
        }
      }
    }).observe({ type: "event", durationThreshold: 16, buffered: true } as PerformanceObserverInit);
  });
}

export interface InpResult {
  page: string;
  inpMs: number;
  event: string;
}

export async function measureInp(
  context: BrowserContext,
  page: Page,
  o: {
    base: string;
    merchantId: string;
    accounts: Record<"merchant" | "operator", Credentials>;
    steps?: readonly InpStep[];
  },
): Promise<InpResult[]> {
  const out: InpResult[] = [];
  for (const who of ["operator", "merchant"] as const) {
    await signOut(context);
    await signIn(context, o.base, o.accounts[who]);
    for (const step of (o.steps ?? INP_STEPS).filter((s) => s.who === who)) {
      await page.goto(`${o.base}/#${step.path.replace("{m}", encodeURIComponent(o.merchantId))}`);
      await page.reload();
      await settle(page);
      await observe(page);
      await step.interact(page);
      await page.waitForTimeout(500);
      const r = await page.evaluate(
        () => (window as unknown as { __inp: { max: number; what: string } }).__inp,
      );
      out.push({ page: step.name, inpMs: Math.round(r.max), event: r.what || "—" });
    }
  }
  return out;
}
