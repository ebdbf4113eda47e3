/**
 * The OpenAPI document as the server builds it, without a server to ask: the routes on a
 * throw-away SQLite store (the document depends on the routes only, not on any data).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CampaignCatalog } from "../../app/campaigns/catalog.js";
import { FixedClock } from "../../app/clock.js";
import { openTarget } from "../../store/open.js";
import { buildServer } from "../server.js";

export async function openApiDocument(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "gala-openapi-"));
  const store = await openTarget({ kind: "sqlite", path: join(dir, "gala.db") });
  try {
    const server = await buildServer({
      store,
      clock: new FixedClock(0),
      campaigns: new CampaignCatalog(store),
    });
    const doc = server.swagger() as unknown as Record<string, unknown>;
    await server.close();
    return doc;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
