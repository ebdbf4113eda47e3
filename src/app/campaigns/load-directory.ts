/** Loads every campaign file in a directory at start; an invalid file stops the start. */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { CampaignFileError } from "../../domain/campaign/problems.js";
import type { CampaignCatalog, LoadedCampaign } from "./catalog.js";

export async function loadCampaignDirectory(
  catalog: CampaignCatalog,
  dir: string,
  at: number,
): Promise<LoadedCampaign[]> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const loaded: LoadedCampaign[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const outcome = await catalog.load(await readFile(path, "utf8"), path, "file", at, "if_new");
    if (!outcome.ok) throw new CampaignFileError(outcome.problems, path);
    loaded.push(outcome.loaded);
  }
  return loaded;
}
