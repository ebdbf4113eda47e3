/** Exports read in keyset pages: every row once, in order, across page boundaries. */
import { describe, expect, it } from "vitest";
import { CAMPAIGN, freshApi } from "../../../test/support/api.js";
import { csvObjects } from "../../../test/support/csv.js";
import { listed, paid } from "../../../test/support/fulfilment-events.js";
import { describeStores } from "../../../test/support/stores.js";
import { parseInstant } from "../../domain/time/parse.js";
import { formatterFor } from "../../http/present.js";
import { csvChunks } from "./csv-stream.js";
import { defineExporter } from "./exporter.js";
import { exporterNamed } from "./exporters.js";

describeStores("CSV export pages", (kind) => {
  it("reads every row once, in order, whatever the page size", async () => {
    const api = await freshApi(kind, parseInstant("2024-02-12T10:00:00+08:00")!);
    // Same payment instant for several orders: the merchant's key (paid_at, order_id) must
    // break ties on the id.
    const events: object[] = [listed("p1", "m1"), listed("p2", "m2")];
    for (let i = 0; i < 9; i++) {
      const at = `2024-02-10T09:0${i % 3}:00+08:00`;
      events.push(paid(`o${i}`, at, i % 2 === 0 ? "m1" : "m2", i % 2 === 0 ? "p1" : "p2"));
    }
    events.push({ type: "clock", at: "2024-02-12T00:00:00+08:00" });
    expect((await api.call("channel", "POST", "/api/v1/events", events)).json().errors).toEqual([]);
    const read = async (name: string, merchantId: string | undefined, pageRows: number) => {
      let text = "";
      const scope = { campaignId: CAMPAIGN, ...(merchantId ? { merchantId } : {}) };
      for await (const chunk of csvChunks(api.ctx.store.db, exporterNamed(name)!, scope, {
        lang: "en",
        iso: formatterFor("Asia/Shanghai"),
        pageRows,
      })) {
        text += chunk;
      }
      return csvObjects(text);
    };
    for (const pageRows of [1, 2, 4, 9, 100]) {
      const all = await read("orders", undefined, pageRows);
      expect(all.map((r) => r.order_id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `o${i}`));
      const m1 = await read("orders", "m1", pageRows);
      // By payment time, then id: 09:00 o0 o6, 09:01 o4, 09:02 o2 o8.
      expect(m1.map((r) => r.order_id)).toEqual(["o0", "o6", "o4", "o2", "o8"]);
      const claims = await read("claims", "m2", pageRows);
      const seqs = claims.map((c) => Number(c.seq));
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(claims.map((c) => c.order_id))).toEqual(new Set(["o1", "o3", "o5", "o7"]));
      expect(claims).toHaveLength(4);
      expect(new Set(claims.map((c) => c.decision_id)).size).toBe(4);
    }
  });
});

describe("CSV export stream", () => {
  it("reads a page only when the reader has taken the one before (constant memory)", async () => {
    let pagesRead = 0;
    const endless = defineExporter<{ n: number }, number>({
      name: "endless",
      label: { zh: "无尽", en: "Endless" },
      columns: [{ key: "n", zh: "序号", value: (r) => r.n }],
      keyOf: (r) => r.n,
      page: async (_db, _scope, after, limit) => {
        pagesRead += 1;
        const from = (after ?? 0) + 1;
        return Array.from({ length: limit }, (_, i) => ({ n: from + i }));
      },
    });
    const chunks = csvChunks(
      undefined as never,
      endless,
      { campaignId: "c" },
      {
        lang: "en",
        iso: String,
        pageRows: 1_000,
      },
    );
    expect((await chunks.next()).value).toBe("\uFEFFn\r\n");
    expect(pagesRead).toBe(0);
    const first = (await chunks.next()).value as string;
    expect(first.split("\r\n")[0]).toBe("1");
    expect(pagesRead).toBe(1);
    await chunks.next();
    expect(pagesRead).toBe(2);
    await chunks.return(undefined);
    expect(pagesRead).toBe(2);
  });
});
