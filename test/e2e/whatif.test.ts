/**
 * The editor's enforcement impact in a real browser against the real server (in-process, SQLite):
 * a campaign with a history of orders, late and false shipments and claims; an operator changes
 * the compensation rate in the editor and asks for the impact; beside the eligibility impact the
 * enforcement impact shows the claims paid under both rates, the chart per day and the merchants
 * most affected; the unchanged text shows no difference. Screenshots to test-output/screenshots.
 *
 * The editor's text is replaced through the keyboard (select all, insert), which works for a
 * plain text area and for a code editor alike.
 */
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/app/users.js";
import { freshApi, type TestApi } from "../support/api.js";
import { HISTORY_START, seedHistory } from "../support/whatif-history.js";
import { type Browser, browserAvailable, launch, replaceEditorText, shot } from "./browser.js";

const run = browserAvailable();

describe.skipIf(!run)("the editor's enforcement impact in Chromium", () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base: string;
  let source: string;

  beforeAll(async () => {
    api = await freshApi("sqlite", HISTORY_START);
    await seedHistory(api);
    const r = await createUser(
      api.ctx.store.db,
      { username: "olga", password: "password-123", role: "operator", merchantId: null },
      0,
    );
    if (!r.ok) throw new Error(r.failure.message);
    source = (
      await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024/source")
    ).json().source;
    await api.server.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`;
    browser = await launch();
    page = browser.page;
    page.setDefaultTimeout(15_000);
    page.on("pageerror", (error) => console.error("page error:", error.message));
    await page.goto(`${base}/`);
    await page.getByLabel("用户名").fill("olga");
    await page.getByLabel("密码").fill("password-123");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("whoami").waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.server.close();
    await api?.ctx.store.close();
  });

  async function impactOf(text: string) {
    await page.goto(`${base}/#/editor`);
    await replaceEditorText(page, text);
    await page.getByRole("button", { name: "影响分析" }).click();
    const impact = page.getByTestId("enforcement-impact");
    await impact.waitFor();
    return impact;
  }

  const cells = async (measure: string) =>
    page
      .locator(`[data-testid=enforcement-totals] tr[data-measure=${measure}] td`)
      .allTextContents();

  it("shows what a higher compensation rate would have paid on this campaign's history", async () => {
    const totals = (
      await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024/fulfilment/totals")
    ).json();
    expect(totals.claimsPaid).toBeGreaterThan(0);
    // Every paying row of the claim table at 1.6 times its rate: 5 → 8 %, history-3's 10 → 16 %.
    const impact = await impactOf(
      source
        .replace("pay: { rateBasisPoints: 500", "pay: { rateBasisPoints: 800")
        .replace("pay: { rateBasisPoints: 1000", "pay: { rateBasisPoints: 1600"),
    );
    // Beside the eligibility impact.
    await page.getByTestId("compare").waitFor();
    // 200-yuan orders, inside every row's bounds: each claim pays 1.6 times as much.
    const n = totals.claimsPaid;
    const a = totals.claimsPaidFen / 100;
    const yuan = (x: number) => `¥${x.toLocaleString("en-US")}.00`;
    expect(await cells("claimsPaidFen")).toEqual([
      "赔付金额",
      yuan(a),
      yuan(a * 1.6),
      `+${yuan(a * 0.6)}`,
    ]);
    expect(await cells("claimsPaid")).toEqual(["已赔付笔数", String(n), String(n), ""]);
    await page.getByTestId("enforcement-daily").locator("canvas").waitFor();
    const merchants = page.getByTestId("enforcement-merchants");
    await expect(merchants.locator("tbody tr").count()).resolves.toBe(2);
    await expect(merchants.textContent()).resolves.toContain("m1");
    await expect(impact.textContent()).resolves.toContain("2024-02-15 08:00");
    await page.waitForTimeout(800); // ECharts animates in
    await impact.scrollIntoViewIfNeeded();
    await shot(page, "whatif-01-editor-rate-8");
    await page.getByRole("button", { name: "English" }).click();
    await page.getByText("Enforcement impact").waitFor();
    expect((await cells("claimsPaidFen"))[0]).toBe("Claims paid (amount)");
    await shot(page, "whatif-02-editor-rate-8-en");
    await page.getByRole("button", { name: "中文" }).click();
  });

  it("shows no difference for the text as it is", async () => {
    const impact = await impactOf(source);
    await page.getByTestId("enforcement-same").waitFor();
    await expect(impact.textContent()).resolves.toContain("没有任何变化");
    const paid = await cells("claimsPaidFen");
    expect(paid[1]).toBe(paid[2]);
    expect(paid[3]).toBe("");
  });
});
