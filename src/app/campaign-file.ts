/** Reads a campaign file from disk: the I/O edge around the pure `parseCampaign`. */
import { readFile } from "node:fs/promises";
import { parseCampaign } from "../domain/campaign/load.js";
import type { Campaign } from "../domain/campaign/model.js";
import { CampaignFileError } from "../domain/campaign/problems.js";

export { CampaignFileError };

export async function readCampaignFile(path: string): Promise<Campaign> {
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
  const result = parseCampaign(text, path);
  if (!result.ok) throw new CampaignFileError(result.problems, path);
  return result.campaign;
}
