/**
 * Continuous compliance on the server (docs/interfaces.md, "Continuous compliance"): when the facts of
 * merchants or products change (the platform's `PUT /facts/…`, a merchant's product settings),
 * every approved registration they touch is judged again, in the same transaction, against the
 * rules its campaign marks `recheck: continuous`. A listing that now fails leaves the venue
 * (`listing.suspended`), one that passes again comes back (`listing.restored`). Both are stored
 * as decisions like the engine's (`ff_decisions`, with keys that allow repeats), so the
 * decisions feed, its consumers and the console see them, and audited with who changed the facts.
 *
 * Campaigns whose activity has ended are left as they are: nothing is sold through them any more.
 */
import {
  type ComplianceDecision,
  complianceChange,
  complianceDecision,
  continuousEligibility,
  failingRules,
} from "../../domain/compliance/recheck.js";
import type { Eligibility } from "../../domain/eligibility/index.js";
import type { Decision } from "../../domain/fulfilment/index.js";
import { type AuditEntry, appendAudit } from "../../store/repos/audit.js";
import { getMerchantFacts, getProductFacts } from "../../store/repos/facts.js";
import { type DecisionRow, insertDecisions } from "../../store/repos/fulfilment/log.js";
import {
  complianceChanges,
  listingsToRecheck,
  type RecheckTarget,
  restoreListing,
  suspendListing,
} from "../../store/repos/suspensions.js";
import type { Db } from "../../store/types.js";
import type { Actor } from "../actor.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";
import { encoderFor } from "../fulfilment/campaigns.js";
import { decisionColumns } from "../fulfilment/effects.js";
import { withPickupRate } from "../fulfilment/pickup-rate.js";

export interface RecheckSummary {
  suspended: number;
  restored: number;
}

const continuous = new Map<string, Eligibility | null>();

function rulesOf(loaded: LoadedCampaign): Eligibility | null {
  const { hash } = loaded.campaign;
  if (!continuous.has(hash)) continuous.set(hash, continuousEligibility(loaded.campaign));
  return continuous.get(hash)!;
}

/**
 * The campaigns as current now, read before the facts' transaction begins (on SQLite a read
 * outside the transaction would wait for it).
 */
export async function campaignsToRecheck(ctx: AppContext): Promise<CampaignsNow> {
  const list = await ctx.campaigns.list();
  return new Map(list.map((l) => [l.campaign.id, l]));
}

export type CampaignsNow = ReadonlyMap<string, LoadedCampaign>;

/** Judges again what these facts touch; `trx` is the transaction that wrote the facts. */
export async function recheckCompliance(
  campaigns: CampaignsNow,
  trx: Db,
  changed: { merchantIds: readonly string[]; productIds: readonly string[] },
  actor: Actor,
  at: number,
): Promise<RecheckSummary> {
  const summary: RecheckSummary = { suspended: 0, restored: 0 };
  const targets = await listingsToRecheck(trx, changed);
  if (targets.length === 0) return summary;
  const merchants = new Map<string, unknown>();
  const merchantFacts = async (id: string) => {
    if (!merchants.has(id)) {
      const row = await getMerchantFacts(trx, id);
      merchants.set(id, row ? JSON.parse(row.body) : undefined);
    }
    return merchants.get(id) as Record<string, unknown> | undefined;
  };
  const products = await getProductFacts(trx, [...new Set(targets.map((t) => t.productId))]);
  // In campaign order (the targets come sorted): venue counters are taken in one order.
  for (const [campaignId, listings] of byCampaign(targets)) {
    const loaded = campaigns.get(campaignId);
    if (!loaded || at > loaded.campaign.windows.activity.end) continue;
    const eligibility = rulesOf(loaded);
    if (eligibility === null) continue;
    const usesPickupRate = loaded.campaign.rules.some(
      (r) => r.recheck === "continuous" && r.checks.some((c) => c.fact === "pickupRate48h"),
    );
    const decisions: ComplianceDecision[] = [];
    const audit: AuditEntry[] = [];
    for (const listing of listings) {
      let merchant = await merchantFacts(listing.merchantId);
      if (merchant && usesPickupRate) {
        merchant = await withPickupRate(trx, loaded.campaign, merchant, at);
      }
      const product = products.get(listing.productId);
      const failures = failingRules(
        eligibility,
        merchant ?? {},
        product ? JSON.parse(product.body) : {},
      );
      const change = complianceChange(listing.suspendedRules, failures);
      if (change === null) continue;
      const applied =
        change.change === "restore"
          ? await restoreListing(trx, listing, listing.suspendedRules!, at)
          : await suspendListing(trx, listing, change.rules, failures, listing.suspendedRules, at);
      if (!applied) continue; // another transaction changed it first, and announced it
      const decision = complianceDecision(change, listing, at);
      decisions.push(decision);
      if (change.change === "restore") summary.restored++;
      else summary.suspended++;
      audit.push({
        at,
        actorRole: actor.role,
        actorId: actor.id,
        action: decision.type === "listing.restored" ? "listing.restore" : "listing.suspend",
        campaignId,
        subjectType: "listing",
        subjectId: listing.productId,
        fromState: listing.suspendedRules === null ? "live" : "suspended",
        toState: decision.type === "listing.restored" ? "live" : "suspended",
        reason: decision.type === "listing.suspended" ? decision.rules.join(", ") : null,
        detail: {
          merchantId: listing.merchantId,
          ...(decision.type === "listing.suspended"
            ? { failures: failures.map((f) => ({ rule: f.rule, actual: f.actual })) }
            : {}),
          productSnapshot: product?.hash ?? null,
        },
      });
    }
    await storeDecisions(trx, loaded, decisions, at);
    await appendAudit(trx, audit);
  }
  return summary;
}

function byCampaign(targets: readonly RecheckTarget[]): Map<string, RecheckTarget[]> {
  const out = new Map<string, RecheckTarget[]>();
  for (const t of targets) {
    const list = out.get(t.campaignId) ?? [];
    list.push(t);
    out.set(t.campaignId, list);
  }
  return out;
}

/**
 * Into the decisions table like the engine's, keyed `suspend:PRODUCT:N` / `restore:PRODUCT:N`
 * (N counting the product's compliance changes in the campaign): a listing may be suspended and
 * restored many times, and each change is stored once.
 */
async function storeDecisions(
  trx: Db,
  loaded: LoadedCampaign,
  decisions: readonly ComplianceDecision[],
  at: number,
): Promise<void> {
  if (decisions.length === 0) return;
  const campaignId = loaded.campaign.id;
  // The encoder writes any flat decision; these are the server's, not the engine's.
  const encode = encoderFor(loaded) as unknown as (d: ComplianceDecision) => string;
  const rows: DecisionRow[] = [];
  for (const d of decisions) {
    const n = (await complianceChanges(trx, campaignId, d.productId)) + 1;
    const prefix = d.type === "listing.restored" ? "restore" : "suspend";
    rows.push({
      campaignId,
      effectKey: `${prefix}:${d.productId}:${n}`,
      eventId: null,
      type: d.type,
      at: d.at,
      ...decisionColumns(d as unknown as Decision, () => null),
      kind: null,
      body: encode(d),
    });
  }
  await insertDecisions(trx, rows, at);
}
