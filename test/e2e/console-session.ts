/**
 * The console served by a test's API on a free port, console accounts made for it, and
 * Chromium on it: what every browser test starts from, and the sign-in every one of them does.
 */
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { createUser } from "../../src/app/users.js";
import type { TestApi } from "../support/api.js";
import { type Browser, launch } from "./browser.js";

export const PASSWORD = "password-123";

export type Account = readonly [
  username: string,
  role: "merchant" | "operator",
  merchantId: string | null,
];

export interface ConsoleSession {
  base: string;
  browser: Browser;
  page: Page;
  signIn(username: string): Promise<void>;
  signOut(): Promise<void>;
  /** Closes the browser and stops serving (the test closes its store). */
  close(): Promise<void>;
}

export async function openConsole(
  api: TestApi,
  accounts: readonly Account[],
): Promise<ConsoleSession> {
  for (const [username, role, merchantId] of accounts) {
    const r = await createUser(
      api.ctx.store.db,
      { username, password: PASSWORD, role, merchantId },
      0,
    );
    if (!r.ok) throw new Error(r.failure.message);
  }
  await api.server.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(api.server.server.address() as AddressInfo).port}`;
  const browser = await launch();
  const page = browser.page;
  // Fail with Playwright's own message (what it waited for) well before the test times out.
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (error) => console.error("page error:", error.message));
  return {
    base,
    browser,
    page,
    async signIn(username) {
      await page.goto(`${base}/`);
      await page.getByLabel("用户名").fill(username);
      await page.getByLabel("密码").fill(PASSWORD);
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByTestId("whoami").waitFor();
    },
    async signOut() {
      await page.getByRole("button", { name: "退出" }).click();
      await page.getByLabel("用户名").waitFor();
    },
    async close() {
      await browser.close();
      await api.server.close();
    },
  };
}
