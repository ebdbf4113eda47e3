/** A stored campaign version's file text, for the editor. */
import { campaignVersion } from "../../store/repos/campaigns.js";
import type { AppContext } from "../context.js";

export async function readSource(ctx: AppContext, hash: string) {
  const v = await campaignVersion(ctx.store.db, hash);
  return v ? { hash, source: v.source, sourceName: v.sourceName } : undefined;
}
