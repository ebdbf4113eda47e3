/**
 * The console in a real browser against the real server (in-process, SQLite, the campaign's
 * clock inside both windows): a merchant registers, sees a reason, fixes it and registers again;
 * an operator approves in bulk; the product shows in the venue; the channel reports orders and
 * the server's clock passes a ship-by deadline, and the merchant sees the late shipment, the claim
 * paid and the instant refund; a merchant cannot open another merchant's pages. Screenshots of
 * every main page, in both languages, go to test-output/screenshots.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validProduct } from "../../src/domain/eligibility/fixtures.js";
import { parseInstant } from "../../src/domain/time/parse.js";
import { freshApi, registrationsUrl, seedFacts, type TestApi } from "../support/api.js";
import { type Browser, browserAvailable, replaceEditorText, SCREENSHOTS, shot } from "./browser.js";
import { type ConsoleSession, openConsole } from "./console-session.js";

const run = browserAvailable();
const root = new URL("../../", import.meta.url).pathname;

describe.skipIf(!run)("console in Chromium", () => {
  let api: TestApi;
  let browser: Browser;
  let page: Page;
  let base: string;
  let ui: ConsoleSession;
  const signIn = (username: string) => ui.signIn(username);
  const signOut = () => ui.signOut();
  const cspViolations: string[] = [];

  beforeAll(async () => {
    api = await freshApi("sqlite");
    await seedFacts(api, 4);
    // m1-p1 lacks 7-day returns: its registration fails with a reason the merchant can fix.
    const broken = { ...validProduct("m1-p1", "m1"), title: "纯棉毛巾礼盒", sevenDayReturn: false };
    await api.call("platform", "PUT", "/api/v1/facts/products", { products: [broken] });
    ui = await openConsole(api, [
      ["alice", "merchant", "m1"],
      ["bob", "merchant", "m2"],
      ["olga", "operator", null],
    ]);
    ({ base, browser, page } = ui);
    // Every Content-Security-Policy refusal on any page, as the browser reports it.
    await browser.context.addInitScript(`document.addEventListener("securitypolicyviolation",
      (e) => console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI))`);
    page.on("console", (message) => {
      if (/Content Security Policy|CSP violation/i.test(message.text())) {
        cspViolations.push(`${page.url()}: ${message.text()}`);
      }
    });
  });

  afterAll(async () => {
    await ui?.close();
    await api?.ctx.store.close();
  });

  /** The channel reports events over HTTP, as an integration would (docs/interfaces.md, "Events"). */
  async function postEvents(events: unknown[]) {
    const res = await fetch(`${base}/api/v1/events`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${api.tokens.channel}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(events),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { errors?: unknown[]; decisions: { type: string }[] };
    expect(body.errors ?? []).toEqual([]);
    return body.decisions;
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
    // Registering what is already registered is no failure: counted apart, not shown in red.
    await page.getByLabel("全选").check();
    await page.getByTestId("register-selected").click();
    await page.getByText(/0 个进入审核，0 个未通过校验，\d+ 个此前已报名/).waitFor();
    await expect(page.locator("[data-testid=register-results] .result-fail").count()).resolves.toBe(
      0,
    );
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
    // Nothing of the page is drawn around the refusal: no tabs, no counts, no operator tools.
    await page.goto(`${base}/#/merchants/m2/orders`);
    await page.getByText("无权访问").waitFor();
    await expect(page.getByRole("tab").count()).resolves.toBe(0);
    await page.goto(`${base}/#/review`);
    await page.getByText("无权访问").waitFor();
    await expect(page.getByTestId("approve-selected").count()).resolves.toBe(0);
  });

  it("lets an operator review one registration in its drawer, by key and by row", async () => {
    await page.getByRole("button", { name: "退出" }).click();
    await signIn("olga");
    await page.getByTestId("queue").waitFor();
    await page.getByText("已加载 4 / 共 4 条").waitFor();
    // The detail: price, every product rule with its result, the merchant, the history.
    await page.locator("[data-open-detail]").first().click();
    const drawer = page.getByTestId("registration-detail");
    await drawer.waitFor();
    await expect(drawer.getByTestId("detail-price").textContent()).resolves.toMatch(/^¥\d/);
    await drawer.getByTestId("detail-product-rules").locator("tr[data-rule]").first().waitFor();
    const productRules = await drawer
      .locator("[data-testid=detail-product-rules] tr[data-rule]")
      .count();
    expect(productRules).toBeGreaterThanOrEqual(5);
    await drawer.getByTestId("detail-merchant").getByText("符合报名条件").waitFor();
    await drawer.getByTestId("detail-history").getByText("报名（单个商品）").waitFor();
    await shot(page, "07a-review-detail");
    // "a" approves the registration shown and the drawer goes on to the next one.
    const first = await drawer.locator("h2").textContent();
    await page.keyboard.press("a");
    await page.getByText(`已通过 ${first}`).waitFor();
    await page.waitForFunction(
      (before) =>
        document.querySelector("[data-testid=registration-detail] h2")?.textContent !== before,
      first,
    );
    await page.keyboard.press("Escape");
    await drawer.waitFor({ state: "detached" });
    // Rejecting from a row asks for the reason in the drawer; the row leaves the queue.
    const row = page.locator("[data-testid=queue] .vtable-row", { hasText: "m1-p3" });
    await row.locator("[data-reject]").click();
    await drawer.getByTestId("detail-reject").click();
    await drawer.getByText("驳回时必须填写原因").waitFor();
    await drawer.getByTestId("detail-reason").fill("主图不清晰");
    await drawer.getByTestId("detail-reject").click();
    await page.getByText(/^已驳回 /).waitFor();
    await page.keyboard.press("Escape");
    await page.getByText("已加载 2 / 共 2 条").waitFor();
    // j moves the keyboard's row, x selects it.
    await page.locator("h1").click();
    await page.keyboard.press("j");
    await page.keyboard.press("x");
    await page.getByText("已选 1 项").waitFor();
    await page.keyboard.press("x");
    await page.getByText("已选 0 项").waitFor();
  });

  it("lets an operator approve in bulk, and the products show in the venue", async () => {
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

  it("shows a late shipment, its claim and an instant refund on the merchant's orders page", async () => {
    const paid = (orderId: string, at: string, productId = "m1-p0") => ({
      id: `pay-${orderId}`,
      type: "order.paid",
      at,
      orderId,
      merchantId: "m1",
      productId,
      amountFen: 12_900,
      region: "CN-ZJ",
      buyer: { id: `buyer-${orderId}`, risk: "normal" },
    });
    // Day one (the server's clock stands at 02-10 10:00, when the products were approved): one
    // order shipped and picked up in time, one never shipped (48 h guarantee: due 02-12 10:00).
    await postEvents([
      paid("o-late", "2024-02-10T10:00:00+08:00"),
      paid("o-ok", "2024-02-10T10:00:00+08:00", "m1-p1"),
      {
        type: "order.shipped",
        at: "2024-02-10T10:30:00+08:00",
        orderId: "o-ok",
        trackingNo: "SF100",
        carrier: "SF",
      },
      { type: "order.picked_up", at: "2024-02-10T15:00:00+08:00", orderId: "o-ok" },
    ]);
    // Two days on: the server's clock has passed the deadline (by more than the campaign's
    // 10 minutes of lateness). New orders come in, one refunded before shipping (refund-only,
    // ≤ ¥300: approved once the watermark passes the request).
    api.clock.set(parseInstant("2024-02-12T12:00:00+08:00")!);
    const decisions = await postEvents([
      paid("o-open", "2024-02-12T10:00:00+08:00"),
      paid("o-refund", "2024-02-12T10:05:00+08:00", "m1-p1"),
      {
        type: "refund.requested",
        at: "2024-02-12T10:20:00+08:00",
        orderId: "o-refund",
        refundId: "rf-1",
        amountFen: 12_900,
        kind: "refund_only",
      },
      // A return on the order already shipped: left to the merchant.
      {
        type: "refund.requested",
        at: "2024-02-12T10:30:00+08:00",
        orderId: "o-ok",
        refundId: "rf-2",
        amountFen: 12_900,
        kind: "return_refund",
      },
    ]);
    expect(decisions.map((d) => d.type)).toEqual(
      expect.arrayContaining([
        "violation.recorded",
        "claim.paid",
        "refund.approved",
        "refund.awaiting_merchant",
      ]),
    );

    await signOut();
    await signIn("alice");
    await page.goto(`${base}/#/merchants/m1/orders`);
    // The countdown reads the server's clock (02-12 12:00), not the browser's.
    await page.getByText("服务器时间 2024-02-12 12:00:00（北京时间）").waitFor();
    const late = page.locator("[data-testid=orders] .vtable-row", { hasText: "o-late" });
    await late.getByText("超时未发货").waitFor();
    await expect(late.getByText("延迟发货").isVisible()).resolves.toBe(true);
    await expect(late.textContent()).resolves.toContain("加厚防滑衣架 20只装");
    const open = page.locator("[data-testid=orders] .vtable-row", { hasText: "o-open" });
    // 46 h to go by the server's clock, which stands still in this test while the browser's runs
    // on: a millisecond between syncing and drawing already reads 45 h 59 m.
    await open.getByText(/剩余 1天2[12]小时/).waitFor();
    await expect(open.textContent()).resolves.toContain("¥129.00");
    // Most urgent first: the order still to ship leads the list.
    await expect(
      page.locator("[data-testid=orders] .vtable-row").first().textContent(),
    ).resolves.toContain("o-open");
    await shot(page, "13-merchant-orders");
    // The return awaiting the merchant: its state counts it, and the merchant answers in its row.
    const pending = page.locator("[data-state=refund_pending]");
    await expect(pending.textContent()).resolves.toContain("1");
    await pending.click();
    await page.getByTestId("refund-refuse-rf-2").click();
    await page.getByText("拒绝退款需要填写原因").waitFor();
    await page.getByTestId("refund-approve-rf-2").click();
    await page.getByText("已同意退款").waitFor();
    await shot(page, "13a-merchant-refund-answered");
    await page.locator("[data-state=all]").click();
    await page.getByTestId("orders-count").getByText("已加载 4 / 共 4 条").waitFor();

    await page.getByRole("tab", { name: "违规" }).click();
    await page.locator("[data-testid=violations]").getByText("o-late").waitFor();
    await shot(page, "14-merchant-violations");
    await page.getByRole("tab", { name: "赔付" }).click();
    const claim = page.locator("[data-testid=claims] .vtable-row", { hasText: "o-late" });
    await claim.getByText("已赔付").waitFor();
    await shot(page, "15-merchant-claims");
    await page.getByRole("tab", { name: "极速退款" }).click();
    const refund = page.locator("[data-testid=refunds] .vtable-row", { hasText: "rf-1" });
    await refund.getByText("¥129.00").waitFor();
    await shot(page, "16-merchant-refunds");
    await page.getByRole("tab", { name: "商品权重" }).click();
    await page.locator("[data-testid=weights]").getByText("m1-p0").waitFor();
    await shot(page, "17-merchant-weights");

    await page.goto(`${base}/#/merchants/m1/campaign`);
    await page.getByTestId("pickup-chart").waitFor();
    await page.getByText("2 单中 1 单在48小时内揽收").waitFor();
    await page.waitForTimeout(1500); // ECharts draws the line, then grows its points
    await shot(page, "18-merchant-pickup-rate");
    await page
      .getByTestId("pickup-card")
      .screenshot({ path: `${SCREENSHOTS}/18b-pickup-card.png` });

    await signOut();
    await signIn("olga");
  });

  it("shows the dashboard, the audit log and the campaign editor", async () => {
    await page.goto(`${base}/#/dashboard`);
    await page.getByTestId("chart-funnel").waitFor();
    await expect(page.getByTestId("stat-claims").textContent()).resolves.toContain(
      "已赔付（1 笔）",
    );
    await page.waitForTimeout(800); // ECharts animates in
    await shot(page, "09-dashboard");
    await page.goto(`${base}/#/audit`);
    await page.getByTestId("audit").waitFor();
    // Actions and states in words, registrations by their product.
    await page.getByTestId("audit").getByText("审核通过").first().waitFor();
    await page.getByTestId("audit").getByText("待审核 → 已通过").first().waitFor();
    await shot(page, "10-audit");
    // Newest first, and filtered: the one rejection, by its action, then by a word of its reason.
    await page.getByLabel("动作", { exact: true }).selectOption("review.reject");
    await page.getByText("已加载 1 / 共 1 条").waitFor();
    await page.getByTestId("audit").getByText("主图不清晰").waitFor();
    await page.getByLabel("动作", { exact: true }).selectOption("");
    await page.getByLabel("搜索原因或ID").fill("主图");
    await page.getByText("已加载 1 / 共 1 条").waitFor();
    const current = async () =>
      (await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024")).json().hash;
    const reference = await current();
    await page.goto(`${base}/#/editor`);
    const editor = page.locator(".cm-content");
    await editor.waitFor();
    const text = (
      await api.call("operator", "GET", "/api/v1/campaigns/spring-festival-2024/source")
    ).json().source as string;
    // A mistake: the problem reads in Chinese, and its line is a link into the editor.
    await replaceEditorText(page, text.replace("op: gte, value: 0.85", "op: gtx, value: 0.85"));
    await page.getByRole("button", { name: "校验" }).click();
    const problem = page.getByTestId("problems").locator("li").first();
    await problem.getByText("取值无效").waitFor();
    await problem.locator("[data-line]").click();
    await expect(page.locator(".cm-activeLine").textContent()).resolves.toContain("gtx");
    await expect(page.locator(".cm-lintRange-error").count()).resolves.toBeGreaterThan(0);
    await shot(page, "11a-editor-problem");
    // The fix, its impact by name, and a publish that asks why.
    await replaceEditorText(
      page,
      text.replace("value: 0.85, format: percent", "value: 0.99, format: percent"),
    );
    await page.getByRole("button", { name: "影响分析" }).click();
    await page.getByTestId("changed-merchants").getByText("m1").waitFor();
    await shot(page, "11-editor-compare");
    await page.getByRole("button", { name: "发布", exact: true }).click();
    const dialog = page.getByTestId("confirm-dialog");
    await dialog.getByTestId("confirm").click();
    await dialog.getByText("请填写发布说明").waitFor();
    await dialog.getByLabel("发布说明").fill("提高揽收率门槛");
    await dialog.getByTestId("confirm").click();
    await page.getByText("已发布，当前版本").waitFor();
    await page.getByTestId("compare").waitFor({ state: "detached" });
    await expect(current()).resolves.not.toBe(reference);
    // The history has the publish with its comment; its change is one line; undoing restores.
    const history = page.getByTestId("history");
    await history.getByText("提高揽收率门槛").waitFor();
    await history.locator("[data-show-change]").first().click();
    await page.getByTestId("diff").locator(".diff-add").getByText("value: 0.99").waitFor();
    await shot(page, "11b-editor-history-diff");
    await history.locator("[data-undo]").click();
    await dialog.getByLabel("发布说明").fill("门槛过高，回滚");
    await dialog.getByTestId("confirm").click();
    await history.getByText("门槛过高，回滚").waitFor();
    await expect(current()).resolves.toBe(reference);
  });

  it("lets an operator pay a claim held for a high-risk buyer, once", async () => {
    // A high-risk buyer's order goes unshipped past its 48 h: the evaluation holds the claim.
    api.clock.set(parseInstant("2024-02-14T13:00:00+08:00")!);
    const decisions = await postEvents([
      {
        id: "pay-o-risky",
        type: "order.paid",
        at: "2024-02-12T12:05:00+08:00",
        orderId: "o-risky",
        merchantId: "m1",
        productId: "m1-p1",
        amountFen: 12_900,
        region: "CN-ZJ",
        buyer: { id: "buyer-risky", risk: "high" },
      },
    ]);
    expect(decisions.map((d) => d.type)).toContain("claim.held");

    await page.goto(`${base}/#/dashboard`);
    const waiting = page.getByTestId("stat-claims-waiting");
    await expect(waiting.locator(".stat-value").textContent()).resolves.toBe("1");
    await waiting.click();
    const row = page.locator("[data-testid=held-claims] .vtable-row", { hasText: "o-risky" });
    await row.getByText("高风险买家").waitFor();
    await shot(page, "22-held-claims");
    await page.getByTestId("decline-o-risky").click();
    await row.getByText("驳回需要填写原因").waitFor();
    // Paying cannot be undone: the first click asks, a second, separate click pays 5 % of
    // ¥129.00; a double-click only asks.
    await page.getByTestId("pay-o-risky").dblclick();
    await page.getByText("确认赔付 ¥6.45？（不可撤销）").waitFor();
    await page.waitForTimeout(300);
    await expect(row.getByText("高风险买家").count()).resolves.toBe(1);
    await page.getByTestId("pay-o-risky").click();
    await page.getByText("没有待处理的赔付").waitFor();
    await page.getByRole("tab", { name: "全部" }).click();
    await row.getByText("已赔付 · 人工复核").waitFor();
    await shot(page, "23-held-claims-resolved");

    const again = await api.call(
      "operator",
      "POST",
      "/api/v1/campaigns/spring-festival-2024/claims/held/o-risky/late_shipment",
      { decision: "pay" },
    );
    expect(again.statusCode).toBe(409);
  });

  it("shows a violation and its revocation on the order's page when the click comes late", async () => {
    // The server's clock moves to 02-15 14:00; an order paid on the 12th at 13:05 is reported
    // only now, never shipped as far as anyone knows: its 48 h deadline (02-14 13:05) has passed,
    // so the violation is recorded at once. Then the click comes, made in time, reported late.
    api.clock.set(parseInstant("2024-02-15T14:00:00+08:00")!);
    const recorded = await postEvents([
      {
        id: "pay-o-corr",
        type: "order.paid",
        at: "2024-02-12T13:05:00+08:00",
        orderId: "o-corr",
        merchantId: "m1",
        productId: "m1-p1",
        amountFen: 12_900,
        region: "CN-ZJ",
        buyer: { id: "buyer-corr", risk: "normal" },
      },
    ]);
    expect(recorded.map((d) => d.type)).toContain("violation.recorded");
    const corrected = await postEvents([
      {
        id: "ship-o-corr",
        type: "order.shipped",
        at: "2024-02-13T09:00:00+08:00",
        orderId: "o-corr",
        trackingNo: "SF-CORR",
        carrier: "SF",
      },
      {
        id: "scan-o-corr",
        type: "order.picked_up",
        at: "2024-02-13T15:00:00+08:00",
        orderId: "o-corr",
      },
    ]);
    expect(corrected.map((d) => d.type)).toEqual(
      expect.arrayContaining(["violation.revoked", "claim.reversed"]),
    );

    await page.goto(`${base}/#/merchants/m1/orders/o-corr`);
    const timeline = page.getByTestId("order-timeline");
    await timeline.getByText("记录违规").waitFor();
    await timeline.getByText("撤销违规").waitFor();
    await timeline.getByText("赔付退回").waitFor();
    await expect(timeline.getByText("更正").count()).resolves.toBeGreaterThanOrEqual(2);
    await shot(page, "19-order-timeline-correction");
    // The merchant's violations list shows the revocation beside the violation.
    await page.goto(`${base}/#/merchants/m1/orders`);
    await page.getByRole("tab", { name: "违规" }).click();
    await page
      .locator("[data-testid=violations]")
      .getByText(/已撤销/)
      .waitFor();
    api.clock.set(parseInstant("2024-02-14T13:00:00+08:00")!);
  });

  it("works on the running campaign, switches to another and shows its times in its zone", async () => {
    // A second campaign, later and in New York: the server now holds two.
    const reference = readFileSync(join(root, "campaigns/spring-festival-2024.yaml"), "utf8");
    const summer = reference
      .replace("id: spring-festival-2024", "id: summer-2024-ny")
      .replace("zh: 2024年春节不打烊 · 1688分销抖音专场", "zh: 2024夏季纽约专场")
      .replace("timeZone: Asia/Shanghai", "timeZone: America/New_York")
      .replace('start: "2023-01-09 00:00:00"', 'start: "2024-01-01 00:00:00"')
      .replace('start: "2024-02-09 00:00:00"', 'start: "2024-06-18 00:00:00"')
      .replaceAll('end: "2024-02-16 23:59:59"', 'end: "2024-06-30 23:59:59"');
    const upload = await api.call("operator", "POST", "/api/v1/campaigns", {
      source: summer,
      sourceName: "summer-2024-ny.yaml",
    });
    expect(upload.statusCode).toBe(201);

    // By the server's clock (14 February) the spring campaign is the one running.
    await page.goto(`${base}/#/merchants/m1/campaign`);
    await page.reload(); // the console reads the list of campaigns when it loads
    const picker = page.getByLabel("当前活动");
    await page.getByRole("heading", { name: "2024年春节不打烊 · 1688分销抖音专场" }).waitFor();
    await expect(picker.inputValue()).resolves.toBe("spring-festival-2024");

    await picker.selectOption("summer-2024-ny");
    await page.getByRole("heading", { name: "2024夏季纽约专场" }).waitFor();
    const registration = page.getByTestId("window-registration");
    await expect(registration.textContent()).resolves.toContain("2024-01-01 00:00:00");
    await page.getByText("所有时间均为活动所在时区（America/New_York）").waitFor();
    await shot(page, "24-campaign-picker");

    // The choice is remembered in this browser.
    await page.reload();
    await page.getByRole("heading", { name: "2024夏季纽约专场" }).waitFor();
    await page.getByLabel("当前活动").selectOption("spring-festival-2024");
    await page.getByText("所有时间均为北京时间（Asia/Shanghai）").waitFor();
    await expect(registration.textContent()).resolves.toContain("2023-01-09 00:00:00");
  });

  it("shows a merchant that left with its reason in words, and offers it no registration", async () => {
    const decisions = await postEvents([
      {
        id: "exception-m2",
        type: "merchant.exception_report",
        at: "2024-02-14T12:00:00+08:00",
        merchantId: "m2",
        reason: "仓库停工",
      },
    ]);
    expect(decisions.map((d) => d.type)).toContain("merchant.exited");
    await page.goto(`${base}/#/merchants/m2/campaign`);
    await page.getByText("已退出活动").waitFor();
    // An operator reads whose page it is, not "my standing".
    await expect(page.getByTestId("viewing-merchant").textContent()).resolves.toContain("m2");
    await page.getByRole("heading", { name: "商家资质（该商家的达标情况）" }).waitFor();
    await page.getByText(/商家已于 2024-02-14 12:00:00 退出本次活动：申报了发货异常/).waitFor();
    await expect(page.getByText("符合报名条件").count()).resolves.toBe(0);
    await expect(page.getByRole("link", { name: "去报名商品" }).count()).resolves.toBe(0);
    await shot(page, "25-merchant-exited");
  });

  it("leads from every dashboard figure to the list behind it", async () => {
    await page.goto(`${base}/#/dashboard`);
    await page.getByTestId("review-sla").waitFor();
    await page.getByTestId("stat-exited").click();
    const merchants = page.getByTestId("merchants");
    await merchants.getByText("m2").waitFor();
    await expect(page.getByTestId("merchant-filter").inputValue()).resolves.toBe("exited");
    await expect(merchants.locator(".vtable-row").count()).resolves.toBe(1);
    await shot(page, "25a-merchants-exited");
    await page.getByTestId("merchant-filter").selectOption("all");
    await page.getByText("已加载 2 / 共 2 条").waitFor();
    await page.getByLabel("按商家ID或名称搜索").fill("m1");
    await page.getByText("已加载 1 / 共 1 条").waitFor();
    await page.goto(`${base}/#/dashboard`);
    await page.getByTestId("stat-overdue").click();
    await page.getByRole("heading", { name: "审核队列" }).waitFor();
    await expect(page.getByLabel("时效").inputValue()).resolves.toBe("overdue");
  });

  it("lets a merchant replace a product rejected at review with another", async () => {
    // Two new products of m1's; the operator rejects the first at review (through the API).
    const products = ["m1-p8", "m1-p9"].map((id, i) => ({
      ...validProduct(id, "m1"),
      title: ["竹制砧板", "不锈钢保温杯"][i],
    }));
    const put = await api.call("platform", "PUT", "/api/v1/facts/products", { products });
    expect(put.statusCode).toBe(200);
    const reg = await api.call("m1", "POST", registrationsUrl("m1"), {
      products: [{ productId: "m1-p8" }],
    });
    const registrationId = reg.json().results[0].registrationId;
    const rejected = await api.call(
      "operator",
      "POST",
      `/api/v1/registrations/${registrationId}/review`,
      {
        decision: "reject",
        reason: "主图不清晰",
      },
    );
    expect(rejected.statusCode).toBe(200);

    await signOut();
    await signIn("alice");
    await page.goto(`${base}/#/merchants/m1/registrations`);
    await page.getByTestId("replace-m1-p8").click();
    await page.getByTestId("replacing").getByText("m1-p8").waitFor();
    await page.locator('input[data-product="m1-p9"]').check();
    await page.getByTestId("register-selected").click();
    await page.getByText("报名结果：1 个进入审核，0 个未通过校验").waitFor();
    await shot(page, "26-replace-rejected");
    const after = await api.call("m1", "GET", `${registrationsUrl("m1")}?limit=100`);
    const row = (productId: string) =>
      after.json().items.find((r: { productId: string }) => r.productId === productId);
    expect(row("m1-p9")).toMatchObject({ state: "pending_review", replacesProductId: "m1-p8" });
    await page.goto(`${base}/#/merchants/m1/registrations`);
    await page.getByText("已由 m1-p9 替换").waitFor();
    await expect(page.getByTestId("replace-m1-p8").count()).resolves.toBe(0);
    await signOut();
    await signIn("olga");
  });

  it("switches to English everywhere", async () => {
    await page.getByRole("button", { name: "English" }).click();
    await page.goto(`${base}/#/merchants/m1/campaign`);
    await page.getByText("Merchant requirements (this merchant's standing)").waitFor();
    await page.getByTestId("pickup-chart").waitFor();
    await page.waitForTimeout(800); // ECharts animates in
    await shot(page, "12-campaign-english");
    await page.goto(`${base}/#/merchants/m1/orders`);
    await page.getByText("Not shipped in time").first().waitFor();
    await shot(page, "19-orders-english");
    await page.goto(`${base}/#/dashboard`);
    await page.getByText("Orders and on-time shipping by day").waitFor();
    await page.waitForTimeout(800);
    await shot(page, "20-dashboard-english");
    await page.goto(`${base}/#/merchants/m1/registrations`);
    await page.getByTestId("registrations").getByText("纯棉毛巾礼盒").waitFor();
    await shot(page, "21-registrations-english");
    // Categories by the campaign file's English names, and the page's language says English.
    await page.goto(`${base}/#/merchants/m1/register`);
    await page.getByTestId("catalogue").getByText("Household goods").first().waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
    await page.reload();
    await page.getByTestId("catalogue").waitFor();
    await expect(page.locator("html").getAttribute("lang")).resolves.toBe("en");
  });
  it("renders the API docs under the same security headers", async () => {
    const res = await page.goto(`${base}/docs`);
    const headers = res!.headers();
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).toContain("default-src 'self'");
    expect(headers["content-security-policy"]).toContain("script-src 'self';");
    await page.locator(".swagger-ui .opblock").first().waitFor();
    await page.getByText("/api/v1/campaigns/{campaignId}/reviews").first().waitFor();
    await shot(page, "27-api-docs");
  });

  it("met no Content-Security-Policy refusal on any page", async () => {
    const console = await page.goto(`${base}/`);
    expect(console!.headers()["content-security-policy"]).toContain("script-src 'self'");
    expect(console!.headers()["x-frame-options"]).toBe("DENY");
    expect(cspViolations).toEqual([]);
  });
});
