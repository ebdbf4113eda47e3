/**
 * Console accounts for the demo: a merchant, an operator and an admin, with fixed passwords that
 * `npm start` prints. Demo data only — a real deployment creates accounts with `gala user create`.
 */
import type { AppContext } from "../context.js";
import { accountIs, createUser } from "../users.js";
import { DEMO_MERCHANTS } from "./dataset.js";

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  merchantId: string | null;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: "merchant",
    password: "gala-merchant",
    role: "merchant",
    merchantId: DEMO_MERCHANTS.good,
  },
  { username: "operator", password: "gala-operator", role: "operator", merchantId: null },
  { username: "admin", password: "gala-admin", role: "admin", merchantId: null },
];

/**
 * Creates (or resets) the demo accounts, so the printed passwords always work. One already as
 * printed is left alone: a reset ends its sessions, and a restart should not sign people out.
 */
export async function ensureDemoAccounts(ctx: AppContext): Promise<readonly DemoAccount[]> {
  for (const a of DEMO_ACCOUNTS) {
    if (await accountIs(ctx.store.db, a)) continue;
    const r = await createUser(ctx.store.db, a, Date.now());
    if (!r.ok) throw new Error(r.failure.message);
  }
  return DEMO_ACCOUNTS;
}
