/**
 * The venue page as JSON text, built once per ranked page and time zone (a ranked page is shared
 * by every reader of it until the venue changes), and its entity tag.
 *
 * The tag is weak (`W/"…"`): the body also carries `now`, which differs from one answer to the
 * next; the tag covers everything else — `running`, the items with every field shown and
 * `nextCursor` — so it changes whenever any of those would, and two answers with one tag differ
 * at most in `now`. A page outside the activity window is always the same empty page.
 */
import { hash } from "node:crypto";
import type { RankedPage } from "../app/venue/rankings.js";
import { type VenueRead, venueCursor } from "../app/venue/venue.js";
import { formatterFor } from "./present.js";

interface Built {
  timeZone: string;
  /**
   * `,"items":[…],"nextCursor":…}`: the page's part of the body, as UTF-8 bytes — encoded once,
   * not once per answer (a page of 50 is ~15 kB).
   */
  tail: Buffer;
  etag: string;
}

const built = new WeakMap<RankedPage, Built>();

const CLOSED = { tail: Buffer.from(',"items":[],"nextCursor":null}'), etag: 'W/"venue-closed"' };

function build(page: RankedPage, timeZone: string): Built {
  const known = built.get(page);
  if (known && known.timeZone === timeZone) return known;
  const iso = formatterFor(timeZone);
  const items = page.items.map((i) => ({
    productId: i.productId,
    merchantId: i.merchantId,
    registrationId: i.registrationId,
    weight: i.weight,
    registeredAt: iso(i.registeredAt),
    listedAt: iso(i.listedAt),
    title: i.facts.title,
    category: i.facts.category,
    priceFen: i.facts.priceFen,
    shippingGuaranteeHours: i.facts.shippingGuaranteeHours,
  }));
  const next = page.next ? venueCursor(page.next) : null;
  const tail = Buffer.from(
    `,"items":${JSON.stringify(items)},"nextCursor":${JSON.stringify(next)}}`,
  );
  const etag = `W/"${hash("sha256", tail, "base64url").slice(0, 32)}"`;
  const made = { timeZone, tail, etag };
  built.set(page, made);
  return made;
}

/** The tag of this read's page, and its body (`now` included) when it is to be sent. */
export function venueJson(read: VenueRead): { etag: string; body: () => Buffer } {
  const { campaignId, loaded, now, running, page } = read;
  const timeZone = loaded.campaign.timeZone;
  const { tail, etag } = page && running ? build(page, timeZone) : CLOSED;
  return {
    etag,
    body: () => {
      const head = `{"campaignId":${JSON.stringify(campaignId)},"now":${JSON.stringify(formatterFor(timeZone)(now))},"running":${running}`;
      const headBytes = Buffer.byteLength(head);
      const out = Buffer.allocUnsafe(headBytes + tail.length);
      out.write(head, 0, "utf8");
      tail.copy(out, headBytes);
      return out;
    },
  };
}

/**
 * Whether `If-None-Match` names this tag (weak comparison, RFC 9110 §13.1.2: `W/` ignored), or
 * is `*` (the page exists).
 */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = etag.startsWith("W/") ? etag.slice(2) : etag;
  for (const raw of header.split(",")) {
    const tag = raw.trim();
    if (tag === "*") return true;
    if ((tag.startsWith("W/") ? tag.slice(2) : tag) === opaque) return true;
  }
  return false;
}
