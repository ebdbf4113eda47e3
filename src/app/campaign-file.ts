/**
 * Reads a campaign file from disk: the I/O edge around the pure `parseCampaign`. A file this
 * build has compiled before comes from the compiled-campaign cache (campaign-cache.ts), and then
 * the loader (with its YAML and schema libraries) is not even imported.
 */
import { readFile } from "node:fs/promises";
import type { Campaign } from "../domain/campaign/model.js";
import { CampaignFileError } from "../domain/campaign/problems.js";
import { campaignCacheDirectory, compiledCampaigns } from "./campaign-cache.js";

export { CampaignFileError };

export async function readCampaignFile(
  path: string,
  cacheDirectory = campaignCacheDirectory(),
): Promise<Campaign> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === "ENOENT"
        ? "the file does not exist"
        : String((error as Error).message);
    throw new CampaignFileError(
      [
        {
          source: path,
          path: "(file)",
          message: `cannot read it: ${reason}`,
          fix: "pass the path of a campaign YAML file, e.g. campaigns/spring-festival-2024.yaml",
        },
      ],
      path,
    );
  }
  const cache = cacheDirectory === undefined ? undefined : compiledCampaigns(cacheDirectory);
  const compiled = cache?.read(text);
  if (compiled !== undefined) return compiled;
  const { parseCampaign } = await import("../domain/campaign/load.js");
  const result = parseCampaign(text, path);
  if (!result.ok) throw new CampaignFileError(result.problems, path);
  cache?.write(result.campaign);
  return result.campaign;
}
