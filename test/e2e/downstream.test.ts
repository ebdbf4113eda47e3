/**
 * The inbox, ledger, finance and export pages in a real browser against the real server
 * (in-process, SQLite): a merchant sees the unread count in the top bar, reads its notifications,
 * follows one to the order it is about, marks the rest read; sees its deposit and claims and
 * downloads its CSV; an operator sees the campaign's ledger and exports and may read a merchant's
 * inbox without marking it. Screenshots go to test-output/screenshots (downstream-*).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sidewaysOverflow } from "../../bench/console/tour.js";
import { validMerchant, validProduct } from "../../src/domain/eligibility/fixtures.js";
import { parseInstant } from "../../src/domain/time/parse.js";
import { CAMPAIGN, freshApi, registrationsUrl, seedFacts, type TestApi } from "../support/api.js";
import { paid } from "../support/fulfilment-events.js";
import { browserAvailable, shot } from "./browser.js";
import { type ConsoleSession, openConsole } from "./console-session.js";

const run = browserAvailable();

describe.skipIf(!run)("inbox, ledger and exports in Chromium", () => {
  let api: TestApi;
  let page: Page;
  let base: string;
  let ui: ConsoleSession;
  const signIn = (username: string) => ui.signIn(username);

  beforeAll(async () => {
    api = await freshApi("sqlite");
    await seedFacts(api, 2);
    await api.call("platform", "PUT", "/api/v1/facts/merchants", {
      merchants: [{ ...validMerchant("m1"), depositFen: 300_000 }],
    });
    await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [{ ...validProduct("m1-p0", "m1"), title: "加厚防滑衣架 20只装" }],
    });
    const reg = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p0" }, { productId: "m1-p1" }],
    });
    expect(reg.statusCode).toBe(200);
    const queue = (
      await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/review-queue`)
    ).json().items as Array<{ id: string; productId: string }>;
    const id = (p: string) => queue.find((r) => r.productId === p)!.id;
    await api.call("operator", "POST", `/api/v1/campaigns/${CAMPAIGN}/reviews`, {
      decisions: [
        { registrationId: id("m1-p0"), decision: "approve" },
        { registrationId: id("m1-p1"), decision: "reject", reason: "主图含联系方式" },
      ],
    });
    api.clock.set(parseInstant("2024-02-13T12:00:00+08:00")!);
    const events = await api.call("channel", "POST", "/api/v1/events", [
      paid("o1", "2024-02-10T11:00:00+08:00", "m1", "m1-p0"),
      paid("o2", "2024-02-10T11:30:00+08:00", "m1", "m1-p0"),
      { type: "clock", at: "2024-02-13T11:00:00+08:00" },
    ]);
    expect(events.json().errors).toEqual([]);
    ui = await openConsole(api, [
      ["alice", "merchant", "m1"],
      ["olga", "operator", null],
    ]);
    ({ base, page } = ui);
  });

  afterAll(async () => {
    await ui?.close();
    await api?.ctx.store.close();
  });

  it("shows the unread count, the notifications, and where each leads", async () => {
    await signIn("alice");
    const badge = page.getByTestId("inbox-badge");
    await badge.waitFor();
    const count = async () => Number((await badge.getAttribute("title"))?.match(/\d+/)?.[0]);
    const before = await count();
    expect(before).toBeGreaterThanOrEqual(5);
    await page.getByRole("link", { name: /消息通知/ }).click();
    await page.getByTestId("inbox-item").first().waitFor();
    const text = await page.getByTestId("inbox-list").textContent();
    expect(text).toContain("审核通过");
    expect(text).toContain("主图含联系方式");
    expect(text).toContain("超时未发货");
    expect(text).toContain("已向买家赔付");
    await shot(page, "downstream-01-inbox");

    // Opening a violation marks it read and shows the order it is about.
    await page.locator('[data-type="violation.recorded"] a').first().click();
    await page.getByTestId("order-timeline").waitFor();
    await expect(page.getByTestId("order-title").textContent()).resolves.toMatch(/订单 o[12]/);
    await expect(page.getByTestId("order-timeline").textContent()).resolves.toContain(
      "记录违规", // violation.recorded, in the page's language
    );
    // The product by its title, its id beside it.
    await expect(page.getByTestId("order-product").textContent()).resolves.toMatch(
      /^加厚防滑衣架 20只装 m1-p\d+$/,
    );
    await shot(page, "downstream-02-order");
    await expect.poll(count).toBe(before - 1);

    await page.goto(`${base}/#/merchants/m1/inbox`);
    await page.getByTestId("inbox-mark-all").click();
    await page.getByTestId("inbox-badge").waitFor({ state: "detached" });
    await expect(page.getByTestId("inbox-unread").textContent()).resolves.toContain("0 条未读");
  });

  it("shows the deposit, each claim with the balance after it, and exports CSV", async () => {
    await page.getByRole("link", { name: "保证金与赔付" }).click();
    await page.getByTestId("ledger-lines").waitFor();
    await expect(page.getByTestId("ledger-deposit").textContent()).resolves.toContain("¥3,000.00");
    await expect(page.getByTestId("ledger-balance").textContent()).resolves.toContain("¥2,980.00");
    expect(await page.getByTestId("ledger-line").count()).toBe(2);
    await page.getByTestId("export-orders").waitFor();
    await shot(page, "downstream-03-ledger");
    await expectNoSidewaysScrollOnAPhone(page);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-orders").click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain("订单号");
    expect(csv).toContain("加厚防滑衣架 20只装");
    expect(csv.trim().split("\r\n")).toHaveLength(3);
  });

  it("gives operators the campaign's ledger and exports, and a merchant's inbox to read", async () => {
    await page.getByRole("button", { name: "退出" }).click();
    await page.getByLabel("用户名").waitFor();
    await signIn("olga");
    await page.getByRole("link", { name: "财务对账" }).click();
    await page.getByTestId("finance-row").first().waitFor();
    await expect(page.getByTestId("finance-ledger").textContent()).resolves.toContain("m1");
    await page.getByTestId("export-audit").waitFor();
    await shot(page, "downstream-04-finance");
    await expectNoSidewaysScrollOnAPhone(page);
    await page.goto(`${base}/#/merchants/m1/inbox`);
    await page.getByTestId("inbox-item").first().waitFor();
    expect(await page.getByTestId("inbox-mark-all").count()).toBe(0);
    await page.getByText("运营人员查看商家的通知不会将其标为已读").waitFor();
  });
});

/** Six money columns are wider than a phone: the table may scroll in its card, never the page. */
async function expectNoSidewaysScrollOnAPhone(page: Page): Promise<void> {
  const desktop = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    expect(await sidewaysOverflow(page)).toBe(0);
  } finally {
    await page.setViewportSize(desktop);
  }
}
