/// <reference lib="dom" />
/**
 * Every page of the console, as a merchant and as an operator would open it: the browser tests
 * walk it to hold each page to axe (no serious or critical violation) and to the phone's width (no
 * sideways scroll), and `npm run screenshots` walks it to picture each page. One list, so a new
 * page is checked and pictured once it is added here.
 */
import type { BrowserContext, Page } from "playwright-core";

export type Lang = "zh-CN" | "en";
export type Who = "nobody" | "merchant" | "operator";

export interface Credentials {
  username: string;
  password: string;
}

export interface TourStep {
  name: string;
  who: Who;
  /** The hash route; `{m}` is the merchant's id. */
  path: string;
  /** What to do once the page has drawn (open a tab, a drawer). */
  act?: (page: Page) => Promise<void>;
}

export const TOUR: readonly TourStep[] = [
  { name: "login", who: "nobody", path: "/" },
  { name: "merchant-campaign", who: "merchant", path: "/merchants/{m}/campaign" },
  { name: "merchant-register", who: "merchant", path: "/merchants/{m}/register" },
  { name: "merchant-registrations", who: "merchant", path: "/merchants/{m}/registrations" },
  { name: "merchant-orders", who: "merchant", path: "/merchants/{m}/orders" },
  ...(["violations", "claims", "refunds", "weights"] as const).map(
    (tab, i): TourStep => ({
      name: `merchant-orders-${tab}`,
      who: "merchant",
      path: "/merchants/{m}/orders",
      act: async (page) => {
        await page
          .getByRole("tab")
          .nth(i + 1)
          .click();
        await settle(page);
      },
    }),
  ),
  { name: "merchant-inbox", who: "merchant", path: "/merchants/{m}/inbox" },
  { name: "merchant-ledger", who: "merchant", path: "/merchants/{m}/ledger" },
  { name: "merchant-appeals", who: "merchant", path: "/merchants/{m}/appeals" },
  { name: "merchant-venue", who: "merchant", path: "/venue" },
  { name: "operator-review", who: "operator", path: "/review" },
  {
    name: "operator-review-detail",
    who: "operator",
    path: "/review",
    act: async (page) => {
      await page.locator("[data-testid=queue] [data-open-detail]").first().click();
      await page.getByTestId("registration-detail").waitFor();
      await settle(page);
    },
  },
  { name: "operator-dashboard", who: "operator", path: "/dashboard" },
  { name: "operator-merchants", who: "operator", path: "/merchants" },
  { name: "operator-orders", who: "operator", path: "/orders" },
  { name: "operator-claims", who: "operator", path: "/claims" },
  { name: "operator-appeals", who: "operator", path: "/appeals" },
  { name: "operator-finance", who: "operator", path: "/finance" },
  { name: "operator-audit", who: "operator", path: "/audit" },
  { name: "operator-editor", who: "operator", path: "/editor" },
  { name: "operator-merchant-campaign", who: "operator", path: "/merchants/{m}/campaign" },
  { name: "operator-venue", who: "operator", path: "/venue" },
];

/** Waits for the page's reads to land (no spinner left) and its charts to draw. */
export async function settle(page: Page): Promise<void> {
  await page.waitForSelector("main .page, main .state-error, .login", { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelectorAll(".state-loading").length === 0, null, {
    timeout: 30_000,
  });
  const charts = await page.locator(".chart").count();
  // ECharts animates in over about a second.
  await page.waitForTimeout(charts > 0 ? 1200 : 250);
}

export async function signIn(context: BrowserContext, base: string, who: Credentials) {
  const res = await context.request.post(`${base}/api/v1/session`, {
    data: { username: who.username, password: who.password },
  });
  if (!res.ok()) throw new Error(`sign-in as ${who.username}: ${res.status()}`);
}

export async function signOut(context: BrowserContext) {
  await context.clearCookies();
}

export async function setLang(page: Page, base: string, lang: Lang) {
  if (!page.url().startsWith(base)) await page.goto(`${base}/`);
  await page.evaluate((l) => localStorage.setItem("gala.lang", l), lang);
}

/** How far the page scrolls sideways (0 is the goal on a phone). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

export interface TourOptions {
  base: string;
  merchantId: string;
  accounts: Record<Exclude<Who, "nobody">, Credentials>;
  langs: readonly Lang[];
  viewports: readonly { width: number; height: number }[];
  steps?: readonly TourStep[];
  /** Called on every page once it has drawn, in every language and at every width. */
  visit: (page: Page, at: { step: TourStep; lang: Lang; width: number }) => Promise<void>;
}

/** Signs in as each role in turn and opens every page of the tour, in each language and width. */
export async function walkTour(context: BrowserContext, page: Page, o: TourOptions) {
  const steps = o.steps ?? TOUR;
  for (const who of ["nobody", "merchant", "operator"] as const) {
    const mine = steps.filter((s) => s.who === who);
    if (mine.length === 0) continue;
    await signOut(context);
    if (who !== "nobody") await signIn(context, o.base, o.accounts[who]);
    for (const lang of o.langs) {
      await setLang(page, o.base, lang);
      for (const viewport of o.viewports) {
        await page.setViewportSize(viewport);
        for (const step of mine) {
          const path = step.path.replace("{m}", encodeURIComponent(o.merchantId));
          await page.goto(`${o.base}/#${path}`);
          // A hash change within the same document keeps the old page: reload for a clean one.
          await page.reload();
          await settle(page);
          if (step.act) await step.act(page);
          await o.visit(page, { step, lang, width: viewport.width });
        }
      }
    }
  }
}
