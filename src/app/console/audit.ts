/**
 * The campaign's audit log as the console browses it: newest first, filtered by actor (id or
 * role), action, subject (the entry's subject id, or an id its detail names: a registration's
 * product, a refund's order) and a range of days in the campaign's zone, and searched in reasons
 * and ids. Keyset-paged on `seq` (descending), with the number of matches on the first page.
 */
import type { ExpressionBuilder } from "kysely";
import { zoneDays } from "../../domain/time/index.js";
import { readAuditRows, type StoredAuditEntry } from "../../store/repos/audit.js";
import type { Database } from "../../store/schema.js";
import type { Db } from "../../store/types.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import { decodeCursor, encodeCursor } from "../cursor.js";

export interface AuditBrowse {
  actor?: string | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  /** Days (YYYY-MM-DD) in the campaign's zone, both inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const likeText = (s: string) => `%${s.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
const isSeq = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

/** `undefined` for a cursor this server did not give. */
export async function browseAudit(db: Db, loaded: LoadedCampaign, b: AuditBrowse) {
  const before = b.cursor === undefined ? undefined : decodeCursor(b.cursor, isSeq);
  if (b.cursor !== undefined && before === undefined) return undefined;
  const days = zoneDays(loaded.campaign.timeZone);
  const where = (eb: ExpressionBuilder<Database, "audit_log">) => {
    const all = [eb("campaign_id", "=", loaded.campaign.id)];
    const actor = b.actor?.trim();
    if (actor) all.push(eb.or([eb("actor_id", "=", actor), eb("actor_role", "=", actor)]));
    if (b.action) all.push(eb("action", "=", b.action));
    const subject = b.subject?.trim();
    if (subject) {
      all.push(
        eb.or([eb("subject_id", "=", subject), eb("detail", "like", likeText(`"${subject}"`))]),
      );
    }
    if (b.from) all.push(eb("at", ">=", days.startOf(b.from)));
    if (b.to) all.push(eb("at", "<", days.startOf(days.next(b.to))));
    const q = b.q?.trim();
    if (q) {
      const like = likeText(q);
      all.push(
        eb.or([
          eb("reason", "like", like),
          eb("subject_id", "like", like),
          eb("actor_id", "like", like),
          eb("detail", "like", like),
        ]),
      );
    }
    return eb.and(all);
  };
  const rows: StoredAuditEntry[] = await readAuditRows(
    db
      .selectFrom("audit_log")
      .selectAll()
      .where(where)
      .$if(before !== undefined, (qb) => qb.where("seq", "<", before!))
      .orderBy("seq", "desc")
      .limit(b.limit + 1),
  );
  const page = rows.slice(0, b.limit);
  const total =
    before === undefined
      ? Number(
          (
            await db
              .selectFrom("audit_log")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where(where)
              .executeTakeFirst()
          )?.n ?? 0,
        )
      : undefined;
  return {
    items: page,
    nextCursor: rows.length > b.limit ? encodeCursor(page.at(-1)!.seq) : null,
    ...(total === undefined ? {} : { total }),
  };
}
