/**
 * Setting up a rehearsal (`gala serve --replay-from DB [--replay-campaign FILE]`): which
 * campaign of the source is played back, under which campaign file, from when; then, in the
 * fresh database, the copy of what the events need and the history due before the clock.
 * Problems a person can fix (a missing source, the same database twice, a campaign file that
 * does not load, a source with several campaigns) are `CannotRun` with the fix.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { parseCampaign } from "../../domain/campaign/load.js";
import { type CampaignProblem, describeProblem } from "../../domain/campaign/problems.js";
import { instantFormatter } from "../../domain/time/index.js";
import { openStore, parseDbUrl, type Store } from "../../store/index.js";
import {
  campaignVersion,
  currentCampaignHash,
  listCampaigns,
} from "../../store/repos/campaigns.js";
import { eventLogEnd } from "../../store/repos/fulfilment/event-log.js";
import { revokeTokensByLabel } from "../../store/repos/tokens.js";
import type { HoldableClock } from "../clock.js";
import type { AppContext } from "../context.js";
import { createToken } from "../tokens.js";
import { readEventLog } from "../whatif/event-log.js";
import { copyForRehearsal, isEmptyForRehearsal } from "./copy.js";
import { dueOf, Rehearsal } from "./rehearsal.js";

export class RehearsalProblem extends Error {}

export interface RehearsalPlan {
  source: Store;
  campaignId: string;
  /** The campaign file's text the rehearsal runs under, and where it came from. */
  campaignText: string;
  campaignSource: string;
}

export async function planRehearsal(
  sourceUrl: string,
  targetUrl: string,
  campaignFile: string | undefined,
): Promise<RehearsalPlan> {
  const source = parseDbUrl(sourceUrl);
  const target = parseDbUrl(targetUrl);
  if (JSON.stringify(source) === JSON.stringify(target)) {
    throw new RehearsalProblem(
      `--replay-from ${sourceUrl} is the database the server would write to: a rehearsal plays the events into another one. Pass --db sqlite:./data/rehearsal.db (or any other).`,
    );
  }
  if (source.kind === "sqlite" && !existsSync(source.path)) {
    throw new RehearsalProblem(
      `--replay-from ${sourceUrl}: no such file. Pass the database of the campaign to rehearse, e.g. --replay-from sqlite:./data/demo.db.`,
    );
  }
  const store = await openStore(sourceUrl);
  try {
    const chosen = campaignFile === undefined ? undefined : await readCampaign(campaignFile);
    const campaignId = chosen?.id ?? (await onlyCampaignWithEvents(store, sourceUrl));
    if ((await eventLogEnd(store.db, campaignId)) === 0) {
      throw new RehearsalProblem(
        `${sourceUrl} holds no events of campaign ${campaignId}: nothing to rehearse. Pass the database a server ran that campaign on.`,
      );
    }
    if (chosen !== undefined) {
      return {
        source: store,
        campaignId,
        campaignText: chosen.text,
        campaignSource: campaignFile!,
      };
    }
    const hash = await currentCampaignHash(store.db, campaignId);
    const version = hash === undefined ? undefined : await campaignVersion(store.db, hash);
    if (version === undefined) {
      throw new RehearsalProblem(
        `${sourceUrl} has events of campaign ${campaignId} but not its campaign file: pass --replay-campaign FILE.`,
      );
    }
    return {
      source: store,
      campaignId,
      campaignText: version.source,
      campaignSource: `${sourceUrl} (${campaignId}, version ${version.hash.slice(0, 12)})`,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}

async function readCampaign(file: string): Promise<{ id: string; text: string }> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new RehearsalProblem(
      `--replay-campaign ${file} cannot be read (${(error as Error).message}). Pass a campaign YAML file, e.g. campaigns/spring-festival-2024.yaml with a policy changed.`,
    );
  }
  const parsed = parseCampaign(text, file);
  if (!parsed.ok) {
    throw new RehearsalProblem(`--replay-campaign ${file}: ${describeAll(parsed.problems)}`);
  }
  return { id: parsed.campaign.id, text };
}

async function onlyCampaignWithEvents(store: Store, sourceUrl: string): Promise<string> {
  const withEvents: string[] = [];
  for (const c of await listCampaigns(store.db)) {
    if ((await eventLogEnd(store.db, c.id)) > 0) withEvents.push(c.id);
  }
  if (withEvents.length === 1) return withEvents[0]!;
  throw new RehearsalProblem(
    withEvents.length === 0
      ? `${sourceUrl} holds no channel events: nothing to rehearse. Pass the database a server ran a campaign on.`
      : `${sourceUrl} holds events of several campaigns (${withEvents.join(", ")}): pass --replay-campaign FILE to say which, and under which rules.`,
  );
}

/**
 * In the server's fresh database, before it listens: the copy (when the database is empty), the
 * campaign file made current, and the history due before the clock sent at once.
 */
export async function startRehearsal(
  ctx: AppContext,
  plan: RehearsalPlan,
  clock: HoldableClock,
  log: (line: string) => void,
): Promise<Rehearsal> {
  if (await isEmptyForRehearsal(ctx.store.db)) {
    const c = await copyForRehearsal(plan.source.db, ctx.store.db, plan.campaignId);
    log(
      `rehearsal: copied ${c.merchants} merchants, ${c.products} products, ${c.registrations} registrations, ${c.listings} listings approved at review, ${c.users} console users`,
    );
  }
  const loaded = await ctx.campaigns.load(
    plan.campaignText,
    plan.campaignSource,
    "rehearsal",
    clock.now(),
    "always",
  );
  if (!loaded.ok) throw new RehearsalProblem(describeAll(loaded.problems));
  if (loaded.loaded.campaign.id !== plan.campaignId) {
    throw new RehearsalProblem(
      `the campaign file is campaign ${loaded.loaded.campaign.id}, the events are of ${plan.campaignId}: pass a version of ${plan.campaignId}.`,
    );
  }
  const rehearsal = new Rehearsal(ctx, clock, {
    source: plan.source,
    campaignId: plan.campaignId,
    log,
    format: instantFormatter(loaded.loaded.campaign.timeZone),
  });
  const now = clock.now();
  await rehearsal.backfill(now);
  const t = rehearsal.tally;
  const acts = t.acts.taken + t.acts.refused + t.acts.duplicates;
  if (t.sent + t.duplicates + acts > 0) {
    const kinds = [...t.kinds].map(([k, n]) => `${k}×${n}`).join(" ");
    const people =
      acts === 0
        ? ""
        : `; ${acts} people's acts (${t.acts.taken} taken, ${t.acts.refused} refused, ${t.acts.duplicates} already here)`;
    log(
      `rehearsal: sent the ${t.sent} events due before the clock (${t.accepted} taken, ${t.refused} refused, ${t.duplicates} already here)${people}${kinds ? ` → ${kinds}` : ""}`,
    );
  }
  return rehearsal;
}

/** When the rehearsal's first event is due: where its clock starts by default. */
export async function firstDue(plan: RehearsalPlan): Promise<number | undefined> {
  for await (const page of readEventLog(plan.source.db, plan.campaignId, { pageSize: 1 })) {
    return dueOf(page[0]!);
  }
  return undefined;
}

const describeAll = (problems: readonly CampaignProblem[]) =>
  problems.map(describeProblem).join("; ");

/**
 * An operator token for the rehearsal's API (the console signs in with the copied users), the
 * previous run's revoked; printed in the server's banner.
 */
export async function issueRehearsalToken(
  ctx: AppContext,
): Promise<Array<{ role: string; merchantId: string | null; secret: string }>> {
  const at = Date.now(); // token bookkeeping lives in real time, not the rehearsal clock
  await revokeTokensByLabel(ctx.store.db, "rehearsal", at);
  const made = await createToken(
    ctx.store.db,
    { role: "operator", merchantId: null, label: "rehearsal" },
    at,
  );
  if (!made.ok) throw new Error(made.failure.message);
  return [{ role: "operator", merchantId: null, secret: made.value.secret }];
}
