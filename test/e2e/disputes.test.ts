/**
 * Disputes and compliance in a real browser against the real server (in-process, SQLite): the
 * merchant appeals a late shipment with evidence, the operator upholds it from the appeals
 * queue, the merchant sees the outcome; a product whose facts fail a rule shows suspended on the
 * merchant's campaign page and its fix brings it back; the merchant leaves the campaign after a
 * confirmation that says leaving is final. Screenshots go to test-output/screenshots.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadlineSweeper } from "../../src/app/fulfilment/sweeper.js";
import { validProduct } from "../../src/domain/eligibility/fixtures.js";
import { parseInstant } from "../../src/domain/time/parse.js";
import { CAMPAIGN, freshApi, registrationsUrl, seedFacts, type TestApi } from "../support/api.js";
import { browserAvailable, shot } from "./browser.js";
import { type ConsoleSession, openConsole } from "./console-session.js";

const run = browserAvailable();

describe.skipIf(!run)("disputes and compliance in Chromium", () => {
  let api: TestApi;
  let page: Page;
  let base: string;
  let ui: ConsoleSession;
  const signIn = (username: string) => ui.signIn(username);
  const signOut = () => ui.signOut();

  beforeAll(async () => {
    api = await freshApi("sqlite", parseInstant("2024-02-10T09:00:00+08:00")!);
    await seedFacts(api, 2);
    const registered = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p0" }, { productId: "m1-p1" }],
    });
    expect(registered.json().counts.pending_review).toBe(2);
    const queue = (
      await api.call("operator", "GET", `/api/v1/campaigns/${CAMPAIGN}/review-queue`)
    ).json().items;
    for (const r of queue) {
      await api.call("operator", "POST", `/api/v1/registrations/${r.id}/review`, {
        decision: "approve",
      });
    }
    // An order never shipped within its 48 h: late at 02-12 09:30, its claim paid.
    const paid = await api.call("channel", "POST", "/api/v1/events", [
      {
        id: "pay-o-late",
        type: "order.paid",
        at: "2024-02-10T09:30:00+08:00",
        orderId: "o-late",
        merchantId: "m1",
        productId: "m1-p0",
        amountFen: 12_900,
        region: "CN-ZJ",
        buyer: { id: "buyer-1", risk: "normal" },
      },
    ]);
    expect(paid.json().errors).toEqual([]);
    api.clock.set(parseInstant("2024-02-12T12:00:00+08:00")!);
    // The server's sweeper decides what fell due (a channel's clock event moves no time).
    await new DeadlineSweeper(api.ctx).sweepOnce();
    const totals = await api.call(
      "operator",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/fulfilment/totals`,
    );
    expect(totals.json()).toMatchObject({ violations: { late_shipment: 1 }, claimsPaid: 1 });
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

  it("lets the merchant appeal a violation with evidence", async () => {
    await signIn("alice");
    await page.getByRole("link", { name: "违规申诉" }).click();
    const row = page.locator('[data-testid=appealable] tr[data-order="o-late"]');
    await row.getByText("延迟发货").waitFor();
    await page.getByTestId("appeal-o-late").click();
    const form = page.getByTestId("appeal-form");
    await form.getByLabel("实际揽收时间").fill("明天");
    await page.getByTestId("appeal-submit").click();
    await form.getByText("请填写申诉理由").waitFor();
    await form.getByText("请按 2024-02-11 08:00 的格式填写").waitFor();
    await form.getByLabel("申诉理由").fill("快递员晚到揽收，我们按时发货了");
    await form.getByLabel("快递单号").fill("YT9001");
    await form.getByLabel("快递公司").fill("YTO");
    await form.getByLabel("实际揽收时间").fill("2024-02-12 08:00");
    await shot(page, "40-merchant-appeal-form");
    await page.getByTestId("appeal-submit").click();
    await page.getByText("申诉已提交，预计 2024-02-14 12:00:00 前处理完毕").waitFor();
    const mine = page.locator('[data-testid=my-appeals] tr[data-appeal="o-late"]');
    await mine.getByText("处理中").waitFor();
    await expect(mine.textContent()).resolves.toContain("快递单号 YT9001");
    await expect(page.getByTestId("appealable").count()).resolves.toBe(0);
    await shot(page, "41-merchant-appeals");
    await signOut();
  });

  it("lets the operator uphold it from the queue, with its SLA and a note, once", async () => {
    await signIn("olga");
    await page.getByRole("link", { name: "申诉处理" }).click();
    const row = page.locator("[data-testid=appeals-queue] .vtable-row", { hasText: "o-late" });
    await row.getByText("剩余 2天").waitFor();
    await expect(row.textContent()).resolves.toContain("快递员晚到揽收");
    await shot(page, "42-operator-appeals-queue");
    await page.getByTestId("uphold-o-late").click();
    await row.getByText("确认成立并撤销违规").waitFor();
    await page.getByTestId("uphold-o-late").click();
    await row.getByText("请填写处理意见").waitFor();
    // The field is marked and focused, and points to the message (said after the buttons).
    const note = page.getByTestId("note-o-late");
    await expect(note.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(note.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    const describedBy = await note.getAttribute("aria-describedby");
    await expect(page.locator(`[id="${describedBy}"]`).textContent()).resolves.toBe(
      "请填写处理意见",
    );
    await note.fill("快递公司确认揽收延迟");
    await expect(note.getAttribute("aria-invalid")).resolves.toBeNull();
    await page.getByTestId("uphold-o-late").click();
    await page.getByTestId("uphold-o-late").click();
    await page.getByText("暂无申诉").waitFor();
    await page.getByRole("tab", { name: "已成立" }).click();
    const done = page.locator("[data-testid=appeals-queue] .vtable-row", { hasText: "o-late" });
    await done.getByText(/已撤销：违规撤销、赔付冲回、流量恢复/).waitFor();
    await shot(page, "43-operator-appeal-upheld");
    // In English too.
    await page.getByRole("button", { name: "English" }).click();
    await done.getByText(/Undone: violation revoked/).waitFor();
    await shot(page, "44-operator-appeal-upheld-en");
    await page.getByRole("button", { name: "中文" }).click();
    await signOut();
  });

  it("shows the merchant the outcome", async () => {
    await signIn("alice");
    await page.goto(`${base}/#/merchants/m1/appeals`);
    const mine = page.locator('[data-testid=my-appeals] tr[data-appeal="o-late"]');
    await mine.getByText("申诉成立").waitFor();
    await mine.getByText(/处理意见: 快递公司确认揽收延迟/).waitFor();
    await shot(page, "45-merchant-appeal-outcome");
  });

  it("shows a suspended product with its rule and how to fix it, then brings it back", async () => {
    const noReturn = {
      ...validProduct("m1-p1", "m1"),
      title: "纯棉毛巾礼盒",
      sevenDayReturn: false,
    };
    const pushed = await api.call("platform", "PUT", "/api/v1/facts/products", {
      products: [noReturn],
    });
    expect(pushed.json().compliance).toEqual({ suspended: 1, restored: 0 });
    await page.goto(`${base}/#/merchants/m1/campaign`);
    const card = page.getByTestId("suspensions");
    const item = card.locator('[data-product="m1-p1"]');
    await item.getByText("纯棉毛巾礼盒").waitFor();
    await expect(item.textContent()).resolves.toContain("7天无理由");
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: "test-output/screenshots/46-merchant-suspension.png" });
    await page.getByTestId("fix-suspension-m1-p1").click();
    await card.getByText("没有被暂停的商品").waitFor();
    const venue = await api.call("channel", "GET", `/api/v1/campaigns/${CAMPAIGN}/venue`);
    expect(venue.json().items.map((i: { productId: string }) => i.productId)).toContain("m1-p1");
  });

  it("asks before the merchant leaves, says it is final, then leaves", async () => {
    const card = page.getByTestId("withdraw-card");
    await page.getByTestId("withdraw-start").click();
    await card.getByText("退出是最终决定，无法撤回").waitFor();
    await page.getByTestId("withdraw-confirm").click();
    await card.getByText("请填写退出原因").waitFor();
    await card.getByLabel("退出原因").fill("仓库停工，无法发货");
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: "test-output/screenshots/47-merchant-withdraw-confirm.png" });
    await page.getByTestId("withdraw-confirm").click();
    await page.getByText(/商家主动退出/).waitFor();
    await expect(page.getByTestId("withdraw-card").count()).resolves.toBe(0);
    await shot(page, "48-merchant-withdrawn");
    const standing = await api.call(
      "m1",
      "GET",
      `/api/v1/campaigns/${CAMPAIGN}/merchants/m1/weights`,
    );
    expect(standing.json()).toMatchObject({ status: "exited", exitReason: "withdrew" });
  });
});
