/**
 * The console in a real browser against the real server (in-process, SQLite, the campaign's
 * clock inside both windows): a merchant registers, sees a reason, fixes it and registers again;
 * an operator approves in bulk; the product shows in the venue; a merchant cannot open another
 * merchant's pages. Screenshots of every main page go to test-output/screenshots.
 */
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/app/users.js";
import { validProduct } from "../../src/domain/eligibility/fixtures.js";
import { freshApi, seedFacts, type TestApi } from "../support/api.js";
import { type Browser, browserAvailable, launch, shot } from "./browser.js";

const run = browserAvailable();

describe.skipIf(!run)("console in Chromium", () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    api = await freshApi("sqlite");
    await seedFacts(api, 4);
    // m1-p1 lacks 7-day returns: its registration fails with a reason the merchant can fix.
    const broken = { ...validProduct("m1-p1", "m1"), title: "纯棉毛巾礼盒", sevenDayReturn: false };
    await api.call("platform", "PUT", "/api/v1/facts/products", { products: [broken] });
    const db = api.ctx.store.db;
    for (const [username, role, merchantId] of [
      ["alice", "merchant", "m1"],
      ["bob", "merchant", "m2"],
      ["olga", "operator", null],
    ] as const) {
      const r = await createUser(db, { username, password: "password-123", role, merchantId }, 0);
      if (!r.ok) throw new Error(r.failure.message);
    }
    await api.server.listen({ host: "127.0.0.1", port: 0 });
    base = `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`;
    browser = await launch();
    page = browser.page;
    // Fail with Playwright's own message (what it waited for) well before the test times out.
    page.setDefaultTimeout(10_000);
    page.on("pageerror", (error) => console.error("page error:", error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await api?.server.close();
    await api?.ctx.store.close();
  });

  async function signIn(username: string) {
    await page.goto(`${base}/`);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("密码").fill("password-123");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByTestId("whoami").waitFor();
  }

  it("rejects a wrong password next to the form", async () => {
    await page.goto(`${base}/`);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入用户名").isVisible()).resolves.toBe(true);
    await page.getByLabel("用户名").fill("alice");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await page.getByText("用户名或密码错误").waitFor();
    await shot(page, "01-login-error");
  });

  it("shows the merchant its standing on every rule", async () => {
    await signIn("alice");
    await page.getByTestId("standing").waitFor();
    const rows = await page.locator("[data-testid=standing] tbody tr").count();
    expect(rows).toBe(19);
    await expect(page.getByText("符合报名条件").first().isVisible()).resolves.toBe(true);
    await page.getByRole("heading", { name: "48小时揽收率" }).waitFor();
    await shot(page, "02-merchant-campaign");
  });

  it("registers in bulk, shows the reason, fixes it and registers again", async () => {
    await page.goto(`${base}/#/merchants/m1/register`);
    await page.getByTestId("catalogue").waitFor();
    await page.getByLabel("全选").check();
    await page.getByTestId("register-selected").click();
    const failed = page.locator('[data-testid=register-results] li[data-product="m1-p1"]');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain("7天无理由");
    await shot(page, "03-register-reasons");
    await page.getByTestId("fix-m1-p1").click();
    await page.getByText("已修复，可再次报名").waitFor();
    await page.getByTestId("register-selected").click();
    await page.getByText("报名结果：1 个进入审核，0 个未通过校验").waitFor();
    await shot(page, "04-register-again");
    await page.goto(`${base}/#/merchants/m1/registrations`);
    await page.getByTestId("registrations").waitFor();
    await expect(page.locator("[data-sla]").count()).resolves.toBeGreaterThan(0);
    await shot(page, "05-merchant-registrations");
  });

  it("does not let a merchant open another merchant's pages", async () => {
    await page.goto(`${base}/#/merchants/m2/campaign`);
    await page.getByText("无权访问").waitFor();
    await shot(page, "06-other-merchant-forbidden");
    await page.goto(`${base}/#/merchants/m2/registrations`);
    await page.getByText("无权访问").waitFor();
  });

  it("lets an operator approve in bulk, and the products show in the venue", async () => {
    await page.getByRole("button", { name: "退出" }).click();
    await signIn("olga");
    await page.getByTestId("queue").waitFor();
    await shot(page, "07-review-queue");
    await page.getByLabel("全选").check();
    await page.getByTestId("approve-selected").click();
    await page.getByText(/已通过 \d+ 项/).waitFor();
    await page.getByText("没有待审核的报名").waitFor();
    await page.goto(`${base}/#/venue`);
    await page.locator('[data-product="m1-p1"]').waitFor();
    await shot(page, "08-venue");
  });

  it("shows the dashboard, the audit log and the campaign editor", async () => {
    await page.goto(`${base}/#/dashboard`);
    await page.getByTestId("chart-funnel").waitFor();
    await page.waitForTimeout(800); // ECharts animates in
    await shot(page, "09-dashboard");
    await page.goto(`${base}/#/audit`);
    await page.getByTestId("audit").waitFor();
    await shot(page, "10-audit");
    await page.goto(`${base}/#/editor`);
    const editor = page.locator("textarea.code");
    await editor.waitFor();
    const text = await editor.inputValue();
    await editor.fill(text.replace("value: 0.85, format: percent", "value: 0.99, format: percent"));
    await page.getByRole("button", { name: "影响分析" }).click();
    await page.getByTestId("compare").waitFor();
    await shot(page, "11-editor-compare");
  });

  it("switches to English everywhere", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.goto(`${base}/#/merchants/m1/campaign`);
    await page.getByText("Merchant requirements (your standing)").waitFor();
    await shot(page, "12-campaign-english");
  });
});
