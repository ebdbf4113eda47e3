/**
 * Publishing a campaign version, by upload or by rolling back to a stored one, and what the
 * editor shows of the past: every publish with who, when, from which version to which and why,
 * and a line diff between any two stored versions. Every publish is an audit entry
 * (`campaign.publish`, subject the campaign id, from and to the version hashes, the comment as
 * the reason), so the audit log and the history read the same record.
 */
import { parseCampaign } from "../../domain/campaign/load.js";
import { diffHunks } from "../../domain/text/line-diff.js";
import { appendAudit, readAuditRows } from "../../store/repos/audit.js";
import { campaignVersion, currentCampaignHash } from "../../store/repos/campaigns.js";
import type { Actor } from "../actor.js";
import type { AppContext } from "../context.js";
import { fail, ok, type Result } from "../result.js";
import type { LoadOutcome } from "./catalog.js";

export interface Publish {
  source: string;
  sourceName?: string | undefined;
  comment?: string | undefined;
}

async function record(
  ctx: AppContext,
  actor: Actor,
  entry: { campaignId: string; from: string | undefined; to: string; comment: string | null },
  detail: Record<string, unknown>,
) {
  await appendAudit(ctx.store.db, [
    {
      at: ctx.clock.now(),
      actorRole: actor.role,
      actorId: actor.id,
      action: "campaign.publish",
      campaignId: entry.campaignId,
      subjectType: "campaign",
      subjectId: entry.campaignId,
      fromState: entry.from ?? null,
      toState: entry.to,
      reason: entry.comment,
      detail,
    },
  ]);
}

/** Uploads a campaign file's text; it becomes current, and the publish is audited. */
export async function publishCampaign(
  ctx: AppContext,
  actor: Actor,
  p: Publish,
): Promise<LoadOutcome> {
  const sourceName = p.sourceName ?? "upload.yaml";
  const parsed = parseCampaign(p.source, sourceName);
  if (!parsed.ok) return parsed;
  const id = parsed.campaign.id;
  const before = await currentCampaignHash(ctx.store.db, id);
  const now = ctx.clock.now();
  const outcome = await ctx.campaigns.load(
    p.source,
    sourceName,
    `${actor.role}:${actor.id}`,
    now,
    "always",
  );
  if (!outcome.ok) return outcome;
  const comment = p.comment?.trim() || null;
  const hash = outcome.loaded.campaign.hash;
  if (outcome.created && comment) {
    await ctx.store.db
      .updateTable("campaign_versions")
      .set({ comment })
      .where("hash", "=", hash)
      .execute();
  }
  await record(
    ctx,
    actor,
    { campaignId: id, from: before, to: hash, comment },
    {
      sourceName,
      created: outcome.created,
    },
  );
  return outcome;
}

/** Makes a stored version current again: a new publish, audited, history kept. */
export async function rollbackCampaign(
  ctx: AppContext,
  actor: Actor,
  campaignId: string,
  hash: string,
  comment: string | undefined,
): Promise<Result<{ hash: string; from: string | undefined }>> {
  const stored = await campaignVersion(ctx.store.db, hash);
  if (!stored || stored.campaignId !== campaignId) {
    return fail("not_found", "version_not_found", `no version ${hash} of campaign ${campaignId}`);
  }
  const before = await currentCampaignHash(ctx.store.db, campaignId);
  if (before === hash) {
    return fail("conflict", "already_current", `version ${hash.slice(0, 12)} is current already`);
  }
  const outcome = await ctx.campaigns.load(
    stored.source,
    stored.sourceName,
    `${actor.role}:${actor.id}`,
    ctx.clock.now(),
    "always",
  );
  if (!outcome.ok) throw new Error(`stored version ${hash} no longer parses`);
  await record(
    ctx,
    actor,
    { campaignId, from: before, to: hash, comment: comment?.trim() || null },
    { sourceName: stored.sourceName, rollback: true },
  );
  return ok({ hash, from: before });
}

/** Every publish of the campaign, newest first. */
export async function publishHistory(ctx: AppContext, campaignId: string) {
  return readAuditRows(
    ctx.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("campaign_id", "=", campaignId)
      .where("action", "=", "campaign.publish")
      .orderBy("seq", "desc")
      .limit(500),
  );
}

/** The line diff from one stored version of the campaign to another. */
export async function versionDiff(
  ctx: AppContext,
  campaignId: string,
  from: string,
  to: string,
): Promise<Result<ReturnType<typeof diffHunks>>> {
  const [a, b] = await Promise.all([
    campaignVersion(ctx.store.db, from),
    campaignVersion(ctx.store.db, to),
  ]);
  for (const [hash, v] of [
    [from, a],
    [to, b],
  ] as const) {
    if (!v || v.campaignId !== campaignId) {
      return fail("not_found", "version_not_found", `no version ${hash} of campaign ${campaignId}`);
    }
  }
  return ok(diffHunks(a!.source, b!.source));
}
