import { readFile } from "node:fs/promises";
import { expect, it } from "vitest";
import { parseCampaign } from "../domain/campaign/load.js";
import { compileEligibility } from "../domain/eligibility/index.js";
import { parseInstant } from "../domain/time/parse.js";
import { presentCampaign, presentCampaignJson } from "./present.js";
import { CampaignView } from "./schemas/campaigns.js";

it("writes a campaign's bytes exactly as its view serialises, at any moment", async () => {
  const text = await readFile("campaigns/spring-festival-2024.yaml", "utf8");
  const parsed = parseCampaign(text, "spring-festival-2024.yaml");
  if (!parsed.ok) throw new Error("the reference campaign does not parse");
  const loaded = { campaign: parsed.campaign, eligibility: compileEligibility(parsed.campaign) };
  for (const at of [
    "2024-01-01T00:00:00+08:00",
    "2024-02-10T09:30:00.250+08:00",
    "2024-03-01T00:00:00Z",
  ]) {
    const now = parseInstant(at)!;
    const bytes = presentCampaignJson(loaded, now);
    expect(bytes.toString("utf8")).toBe(JSON.stringify(presentCampaign(loaded, now)));
    expect(CampaignView.parse(JSON.parse(bytes.toString("utf8")))).toEqual(
      presentCampaign(loaded, now),
    );
  }
});
