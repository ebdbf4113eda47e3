/**
 * Domain values → API views. Instants leave the server as ISO-8601 text in the campaign's zone
 * (`2024-02-10T09:00:00+08:00`), as every time in docs/interfaces.md carries its offset.
 */
import type { StoredAuditEntry } from "../app/audit/trail.js";
import type { LoadedCampaign } from "../app/campaigns/catalog.js";
import type { RegistrationRecord } from "../app/registration/read.js";
import type { Window } from "../domain/campaign/model.js";
import type { Failure } from "../domain/eligibility/index.js";
import { dueStatus } from "../domain/enrollment/index.js";
import { type InstantFormatter, instantFormatter } from "../domain/time/format.js";
import { inWindow } from "../domain/time/window.js";

const formatters = new Map<string, InstantFormatter>();

/** One formatter per zone, built once (building reads the zone database). */
export function formatterFor(timeZone: string): InstantFormatter {
  let f = formatters.get(timeZone);
  if (!f) {
    f = instantFormatter(timeZone);
    formatters.set(timeZone, f);
  }
  return f;
}

export const DEFAULT_ZONE = "Asia/Shanghai";

/** What a campaign version shows whatever the time: built once per loaded version. */
function campaignView({ campaign }: LoadedCampaign) {
  const iso = formatterFor(campaign.timeZone);
  const window = (w: Window) => ({ start: iso(w.start), end: iso(w.end), declared: w.declared });
  return {
    id: campaign.id,
    hash: campaign.hash,
    name: campaign.name,
    timeZone: campaign.timeZone,
    windows: {
      registration: window(campaign.windows.registration),
      activity: window(campaign.windows.activity),
    },
    categories: campaign.categories.map((c) => ({ id: c.id, en: c.en, aliases: [...c.aliases] })),
    reviewSlaHours: campaign.policy.review.slaHours,
    appeals: campaign.policy.appeals,
  };
}

const campaignViews = new WeakMap<LoadedCampaign, ReturnType<typeof campaignView>>();

function viewOf(loaded: LoadedCampaign) {
  let view = campaignViews.get(loaded);
  if (!view) {
    view = campaignView(loaded);
    campaignViews.set(loaded, view);
  }
  return view;
}

/** What a campaign shows at `now` (its last three fields depend on the time). */
function momentOf({ campaign }: LoadedCampaign, now: number) {
  return {
    now: formatterFor(campaign.timeZone)(now),
    registrationOpen: inWindow(campaign.windows.registration, now),
    running: inWindow(campaign.windows.activity, now),
  };
}

export function presentCampaign(loaded: LoadedCampaign, now: number) {
  return { ...viewOf(loaded), ...momentOf(loaded, now) };
}

/** `presentCampaign`'s JSON without its closing brace, as UTF-8, per loaded version. */
const campaignHeads = new WeakMap<LoadedCampaign, Buffer>();

/**
 * `JSON.stringify(presentCampaign(loaded, now))` as bytes, for `GET /campaigns/{c}`: the part
 * that does not depend on the time (~2.7 kB for the reference campaign, most of it categories)
 * is serialised and encoded once per loaded version instead of on every request.
 */
export function presentCampaignJson(loaded: LoadedCampaign, now: number): Buffer {
  let head = campaignHeads.get(loaded);
  if (!head) {
    head = Buffer.from(JSON.stringify(viewOf(loaded)).slice(0, -1));
    campaignHeads.set(loaded, head);
  }
  const moment = JSON.stringify(momentOf(loaded, now));
  return Buffer.concat([head, Buffer.from(`,${moment.slice(1)}`)]);
}

export function presentRegistration(r: RegistrationRecord, now: number, iso: InstantFormatter) {
  const failures = JSON.parse(r.failures) as { merchant: Failure[]; product: Failure[] };
  const pending = r.state === "pending_review" && r.reviewDueAt !== null;
  return {
    id: r.id,
    campaignId: r.campaignId,
    campaignHash: r.campaignHash,
    merchantId: r.merchantId,
    productId: r.productId,
    category: r.category,
    state: r.state,
    registeredAt: iso(r.registeredAt),
    reviewDueAt: r.reviewDueAt === null ? null : iso(r.reviewDueAt),
    dueStatus: pending ? dueStatus(r.reviewDueAt!, now) : null,
    reviewedAt: r.reviewedAt === null ? null : iso(r.reviewedAt),
    reviewedBy: r.reviewedBy,
    reviewReason: r.reviewReason,
    replacesProductId: r.replacesProductId,
    attempts: r.attempts,
    failures: [...failures.merchant, ...failures.product],
    snapshots: { merchant: r.merchantSnapshotHash, product: r.productSnapshotHash },
  };
}

export function presentAudit(e: StoredAuditEntry, iso: InstantFormatter) {
  return {
    seq: e.seq,
    at: iso(e.at),
    actor: { role: e.actorRole, id: e.actorId },
    action: e.action,
    campaignId: e.campaignId,
    subject: { type: e.subjectType, id: e.subjectId },
    fromState: e.fromState,
    toState: e.toState,
    reason: e.reason,
    ...(e.detail === undefined ? {} : { detail: e.detail }),
  };
}
