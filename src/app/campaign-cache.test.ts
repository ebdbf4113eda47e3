import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCampaign } from "../domain/campaign/load.js";
import { campaignCacheDirectory } from "./campaign-cache.js";
import { CampaignFileError, readCampaignFile } from "./campaign-file.js";

const reference = "campaigns/spring-festival-2024.yaml";
const referenceText = readFileSync(reference, "utf8");

function fresh() {
  const dir = mkdtempSync(join(tmpdir(), "gala-cache-"));
  return { cache: join(dir, "cache"), dir };
}

const entries = (cache: string) => readdirSync(cache).filter((n) => n.endsWith(".json"));

describe("compiled campaign cache", () => {
  it("stores a compiled campaign and reads it back equal to the loader's", async () => {
    const { cache } = fresh();
    const compiled = await readCampaignFile(reference, cache);
    const parsed = parseCampaign(referenceText, reference);
    if (!parsed.ok) throw new Error("the reference campaign must load");
    expect(compiled).toEqual(parsed.campaign);
    expect(entries(cache)).toHaveLength(1);
    const again = await readCampaignFile(reference, cache);
    expect(again).toEqual(parsed.campaign);
    expect(again).not.toBe(compiled);
  });

  it("answers from the entry, not the loader, when one exists", async () => {
    const { cache } = fresh();
    await readCampaignFile(reference, cache);
    const [name] = entries(cache);
    const path = join(cache, name!);
    const stored = JSON.parse(readFileSync(path, "utf8"));
    stored.name.en = "from the cache";
    writeFileSync(path, JSON.stringify(stored));
    expect((await readCampaignFile(reference, cache)).name.en).toBe("from the cache");
  });

  it("misses when the file changes, and compiles the new text", async () => {
    const { cache, dir } = fresh();
    const file = join(dir, "c.yaml");
    writeFileSync(file, referenceText);
    const before = await readCampaignFile(file, cache);
    writeFileSync(file, referenceText.replace("maxAmountFen: 30000", "maxAmountFen: 20000"));
    const after = await readCampaignFile(file, cache);
    expect(before.policy.instantRefund.maxAmountFen).toBe(30000);
    expect(after.policy.instantRefund.maxAmountFen).toBe(20000);
    expect(after.hash).not.toBe(before.hash);
    expect(entries(cache)).toHaveLength(2);
  });

  it("treats a damaged or foreign entry as a miss", async () => {
    const { cache } = fresh();
    await readCampaignFile(reference, cache);
    const path = join(cache, entries(cache)[0]!);
    const good = await readCampaignFile(reference, cache);
    writeFileSync(path, '{"id": "half');
    expect(await readCampaignFile(reference, cache)).toEqual(good);
    // Well-formed JSON that is not this file's compiled form (its hash differs) is not used.
    writeFileSync(path, JSON.stringify({ ...good, hash: "0".repeat(64), id: "other" }));
    expect((await readCampaignFile(reference, cache)).id).toBe(good.id);
  });

  it("never stores a file with problems: every report comes from the loader", async () => {
    const { cache, dir } = fresh();
    const file = join(dir, "bad.yaml");
    writeFileSync(file, referenceText.replace("maxAmountFen: 30000", "maxAmountFen: -1"));
    for (let i = 0; i < 2; i++) {
      await expect(readCampaignFile(file, cache)).rejects.toBeInstanceOf(CampaignFileError);
    }
    expect(() => readdirSync(cache)).toThrow();
  });

  it("still loads the campaign when the cache cannot be written", async () => {
    // A file where the directory should be: no directory can be made there, even by root.
    const { dir } = fresh();
    const blocked = join(dir, "cache");
    writeFileSync(blocked, "not a directory");
    const campaign = await readCampaignFile(reference, blocked);
    expect(campaign.id).toBe("spring-festival-2024");
    expect(readFileSync(blocked, "utf8")).toBe("not a directory");
  });

  it("is found through GALA_CACHE_DIR, XDG_CACHE_HOME or the home directory, and can be off", () => {
    expect(campaignCacheDirectory({ GALA_CACHE_DIR: "off" })).toBeUndefined();
    expect(campaignCacheDirectory({ GALA_CACHE_DIR: "/c" })).toBe("/c/campaigns");
    expect(campaignCacheDirectory({ XDG_CACHE_HOME: "/x" })).toBe("/x/gala/campaigns");
    expect(campaignCacheDirectory({})).toBe(join(homedir(), ".cache", "gala", "campaigns"));
  });
});
