/**
 * Campaign versions for the server: stored by content hash, parsed and compiled once per hash
 * per process. The current version of a campaign id lives in the database, so several server
 * processes agree on it; a version another process stored is rebuilt here from its stored text.
 */
import { parseCampaign } from "../../domain/campaign/load.js";
import type { Campaign } from "../../domain/campaign/model.js";
import type { CampaignProblem } from "../../domain/campaign/problems.js";
import { compileEligibility, type Eligibility } from "../../domain/eligibility/index.js";
import type { Store } from "../../store/index.js";
import {
  campaignVersion,
  currentCampaignHash,
  listCampaigns,
  saveCampaignVersion,
} from "../../store/repos/campaigns.js";
import { FreshReads } from "../fresh-read.js";

export interface LoadedCampaign {
  campaign: Campaign;
  eligibility: Eligibility;
}

export type LoadOutcome =
  | { ok: true; loaded: LoadedCampaign; created: boolean }
  | { ok: false; problems: CampaignProblem[] };

export class CampaignCatalog {
  private readonly byHash = new Map<string, LoadedCampaign>();
  /** Which version is current: read per call, one read for the calls of one event-loop turn. */
  private readonly currentHash: FreshReads<string, string | undefined>;

  constructor(private readonly store: Store) {
    this.currentHash = new FreshReads((campaignId) => currentCampaignHash(store.db, campaignId));
  }

  /**
   * Parses and stores a version. `current: "always"` (an operator's upload) makes it current;
   * `"if_new"` (a file read at start) leaves an operator's later upload current unless the file
   * itself changed.
   */
  async load(
    text: string,
    sourceName: string,
    loadedBy: string,
    at: number,
    current: "always" | "if_new",
  ): Promise<LoadOutcome> {
    const parsed = parseCampaign(text, sourceName);
    if (!parsed.ok) return parsed;
    const loaded = this.remember(parsed.campaign);
    const created = await this.store.db.transaction().execute(async (trx) => {
      const known = await campaignVersion(trx, parsed.campaign.hash);
      const hasCurrent = (await currentCampaignHash(trx, parsed.campaign.id)) !== undefined;
      if (known && current === "if_new" && hasCurrent) return false;
      return saveCampaignVersion(trx, {
        campaignId: parsed.campaign.id,
        hash: parsed.campaign.hash,
        source: text,
        sourceName,
        loadedAt: at,
        loadedBy,
      });
    });
    return { ok: true, loaded, created };
  }

  /**
   * The current version of a campaign id, or undefined for an unknown id: as stored when this
   * call was made or later (another process may have uploaded a version since ours).
   */
  async current(campaignId: string): Promise<LoadedCampaign | undefined> {
    const hash = await this.currentHash.get(campaignId);
    return hash === undefined ? undefined : this.version(hash);
  }

  /** The version of this hash if already in memory: no promise (the venue reads it per answer). */
  cached(hash: string): LoadedCampaign | undefined {
    return this.byHash.get(hash);
  }

  async version(hash: string): Promise<LoadedCampaign | undefined> {
    const cached = this.byHash.get(hash);
    if (cached) return cached;
    const stored = await campaignVersion(this.store.db, hash);
    if (!stored) return undefined;
    const parsed = parseCampaign(stored.source, stored.sourceName);
    // A stored version parsed once already; failing now means the loader changed under it.
    if (!parsed.ok) throw new Error(`stored campaign ${hash} no longer parses`);
    return this.remember(parsed.campaign);
  }

  async list(): Promise<LoadedCampaign[]> {
    const rows = await listCampaigns(this.store.db);
    const out: LoadedCampaign[] = [];
    for (const row of rows) {
      const loaded = await this.version(row.currentHash);
      if (loaded) out.push(loaded);
    }
    return out;
  }

  private remember(campaign: Campaign): LoadedCampaign {
    const existing = this.byHash.get(campaign.hash);
    if (existing) return existing;
    const loaded = { campaign, eligibility: compileEligibility(campaign) };
    this.byHash.set(campaign.hash, loaded);
    return loaded;
  }
}
