/**
 * A campaign's stored event log as events, page by page, in the order the server took them
 * (store/repos/fulfilment/event-log.ts), each body read by the same scanner and readers as a
 * replay's lines. Between pages the caller gets the event loop back (`setImmediate`), so a long
 * reading in a server never holds up its requests for more than one page's work.
 */
import { setImmediate as nextTurn } from "node:timers/promises";
import { type ChannelEvent, readEventLine } from "../../domain/fulfilment/index.js";
import { eventLogEnd, eventLogPage } from "../../store/repos/fulfilment/event-log.js";
import type { Db } from "../../store/types.js";

export interface LogEntry {
  seq: number;
  /** `null`: a stored body that no longer reads as an event (never expected; counted). */
  event: ChannelEvent | null;
  /** The body as stored (its `id`, `at` as the channel wrote it). */
  body: string;
  receivedAt: number;
}

export interface LogReading {
  /** Start after this place (0: from the beginning). */
  after?: number;
  /** Stop at this place; default: the end of the log when the reading begins. */
  through?: number;
  pageSize?: number;
}

export const LOG_PAGE = 2_000;

export async function* readEventLog(
  db: Db,
  campaignId: string,
  reading: LogReading = {},
): AsyncGenerator<LogEntry[]> {
  const through = reading.through ?? (await eventLogEnd(db, campaignId));
  const pageSize = reading.pageSize ?? LOG_PAGE;
  let after = reading.after ?? 0;
  while (after < through) {
    const page = await eventLogPage(db, campaignId, after, through, pageSize);
    if (page.length === 0) return;
    yield page.map((row) => {
      const read = readEventLine(row.body);
      return {
        seq: row.seq,
        event: "error" in read ? null : read,
        body: row.body,
        receivedAt: row.receivedAt,
      };
    });
    after = page[page.length - 1]!.seq;
    await nextTurn();
  }
}
