/** Reading registrations back: a merchant's own list, one registration, its audit trail. */
import { type AuditEntry, readAudit } from "../../store/repos/audit.js";
import { merchantRegistrations } from "../../store/repos/registration-queries.js";
import { getRegistration, type RegistrationRecord } from "../../store/repos/registrations.js";
import type { AppContext } from "../context.js";
import { badCursor, decodeCursor, encodeCursor } from "../cursor.js";
import { fail, ok, type Result } from "../result.js";

export type { RegistrationRecord } from "../../store/repos/registrations.js";

export interface MerchantListQuery {
  campaignId: string;
  merchantId: string;
  state?: string;
  cursor?: string;
  limit: number;
}

export interface RegistrationPage {
  now: number;
  items: RegistrationRecord[];
  nextCursor: string | null;
}

const isString = (v: unknown): v is string => typeof v === "string";

export async function listMerchantRegistrations(
  ctx: AppContext,
  q: MerchantListQuery,
): Promise<Result<RegistrationPage>> {
  if (!(await ctx.campaigns.current(q.campaignId))) {
    return fail("not_found", "campaign_not_found", `no campaign ${q.campaignId}`);
  }
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, isString);
  if (q.cursor !== undefined && after === undefined) {
    return badCursor();
  }
  const rows = await merchantRegistrations(ctx.store.db, {
    campaignId: q.campaignId,
    merchantId: q.merchantId,
    ...(q.state !== undefined ? { state: q.state } : {}),
    ...(after !== undefined ? { afterProductId: after } : {}),
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    now: ctx.clock.now(),
    items: page,
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.productId) : null,
  });
}

export async function findRegistration(
  ctx: AppContext,
  id: string,
): Promise<Result<RegistrationRecord>> {
  const r = await getRegistration(ctx.store.db, id);
  return r ? ok(r) : fail("not_found", "registration_not_found", `no registration ${id}`);
}

/**
 * Every transition of one registration, oldest first. A registration's entry names the call it
 * was made in; what the call's products shared (campaign version, merchant snapshot) is read
 * from the call's entry and shown on the registration's own.
 */
export async function registrationAudit(
  ctx: AppContext,
  id: string,
): Promise<Array<AuditEntry & { seq: number }>> {
  const entries = await readAudit(ctx.store.db, { subjectId: id, limit: 1000 });
  const shared = new Map<string, { campaignHash?: unknown; merchantSnapshot?: unknown }>();
  for (const e of entries) {
    const call = callOf(e.detail);
    if (call === undefined || shared.has(call)) continue;
    const [entry] = await readAudit(ctx.store.db, { subjectId: call, limit: 1 });
    const detail = (entry?.detail ?? {}) as { campaignHash?: unknown; merchantSnapshot?: unknown };
    shared.set(call, {
      campaignHash: detail.campaignHash,
      merchantSnapshot: detail.merchantSnapshot,
    });
  }
  return entries.map((e) => {
    const call = callOf(e.detail);
    if (call === undefined) return e;
    const { call: _, ...own } = e.detail as Record<string, unknown>;
    return { ...e, detail: { ...own, ...shared.get(call) } };
  });
}

function callOf(detail: unknown): string | undefined {
  const call = (detail as { call?: unknown } | undefined)?.call;
  return typeof call === "string" ? call : undefined;
}
