/**
 * The audit log read forward, in the order it was written: a campaign's log or one subject's
 * trail (an account's). Keyset-paged on `seq`; the cursor is the last seq of the page.
 */
import { readAudit, type StoredAuditEntry } from "../../store/repos/audit.js";
import type { AppContext } from "../context.js";

export type { StoredAuditEntry } from "../../store/repos/audit.js";

export type AuditTrailOf = { campaignId: string } | { subjectType: string; subjectId: string };

export interface AuditTrailPage {
  items: StoredAuditEntry[];
  /** The last seq of this page, for `after`; `null` when nothing follows. */
  nextCursor: string | null;
}

export async function readAuditTrail(
  ctx: AppContext,
  of: AuditTrailOf,
  page: { limit: number; after?: number | undefined },
): Promise<AuditTrailPage> {
  const rows = await readAudit(ctx.store.db, {
    ...of,
    ...(page.after !== undefined ? { afterSeq: page.after } : {}),
    // One more than asked: whether it is there says whether a next page is.
    limit: page.limit + 1,
  });
  const items = rows.slice(0, page.limit);
  return {
    items,
    nextCursor: rows.length > page.limit ? String(items.at(-1)!.seq) : null,
  };
}
