/**
 * Demo tokens are issued afresh at every demo start (the secrets are stored hashed, so old ones
 * cannot be shown again); the previous start's demo tokens are revoked.
 */
import { revokeTokensByLabel } from "../../store/repos/tokens.js";
import type { AppContext } from "../context.js";
import { createToken } from "../tokens.js";
import { DEMO_MERCHANTS } from "./dataset.js";

const LABEL = "demo";

export interface DemoToken {
  role: string;
  merchantId: string | null;
  secret: string;
}

export async function issueDemoTokens(ctx: AppContext): Promise<DemoToken[]> {
  const at = Date.now(); // token bookkeeping lives in real time, not the rehearsal clock
  await revokeTokensByLabel(ctx.store.db, LABEL, at);
  const wanted: Array<{ role: string; merchantId: string | null }> = [
    { role: "merchant", merchantId: DEMO_MERCHANTS.good },
    { role: "merchant", merchantId: DEMO_MERCHANTS.second },
    { role: "operator", merchantId: null },
    { role: "platform", merchantId: null },
    { role: "channel", merchantId: null },
  ];
  const out: DemoToken[] = [];
  for (const w of wanted) {
    const r = await createToken(ctx.store.db, { ...w, label: LABEL }, at);
    if (!r.ok) throw new Error(r.failure.message);
    out.push({ ...w, secret: r.value.secret });
  }
  return out;
}
