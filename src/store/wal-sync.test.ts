import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "./open.js";
import { WalSync } from "./wal-sync.js";

describe("WalSync", () => {
  it("resolves without a WAL file, and for every caller of a burst with at most two flushes", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "gala-wal-")), "x.db");
    const wal = new WalSync(path);
    await wal.sync(); // no file yet: nothing to flush
    const store = await openStore(`sqlite:${path}`);
    try {
      const flush = (wal as unknown as { flush: () => Promise<void> }).flush.bind(wal);
      let flushes = 0;
      (wal as unknown as { flush: () => Promise<void> }).flush = () => {
        flushes++;
        return flush();
      };
      await Promise.all(Array.from({ length: 50 }, () => wal.sync()));
      expect(flushes).toBeGreaterThanOrEqual(1);
      expect(flushes).toBeLessThanOrEqual(2);
      await store.sync();
    } finally {
      await store.close();
    }
  });
});
