/**
 * The venue page as bytes, built once per ranked page, time zone, second and content coding (a
 * ranked page is shared by every reader of it until the venue changes), and its entity tag.
 *
 * The tag is weak (`W/"…"`): the body also carries `now`, which differs from one answer to the
 * next; the tag covers everything else — `running`, the items with every field shown and
 * `nextCursor` — so it changes whenever any of those would, and two answers with one tag differ
 * at most in `now` and their content coding. A page outside the activity window is always the
 * same empty page.
 *
 * Why bodies are kept per second: `now` is shown to the second, so within one second every
 * reader of a page gets the same bytes. The channel reads the first pages with many connections
 * at once; a page of 50 is ~15 kB of JSON and ~3 kB compressed, so compressing it once per
 * second instead of once per answer (which @fastify/compress would do) is what makes a
 * compressed answer cheaper to serve than a plain one.
 */
import { hash } from "node:crypto";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { Negotiator } from "@fastify/accept-negotiator";
import type { RankedPage } from "../app/venue/rankings.js";
import { type VenueRead, venueCursor } from "../app/venue/venue.js";
import { formatterFor } from "./present.js";

/** The content codings the venue answers in, besides none (`identity`). */
export type VenueEncoding = "br" | "gzip";

/** Brotli at quality 5: within a few percent of gzip -9's size at a fraction of its time. */
const BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } };

/** One second's body of one page, made lazily per coding. */
class SecondBodies {
  private readonly coded = new Map<VenueEncoding, Buffer>();

  constructor(
    readonly nowText: string,
    readonly identity: Buffer,
  ) {}

  encoded(encoding: VenueEncoding): Buffer {
    let bytes = this.coded.get(encoding);
    if (!bytes) {
      bytes =
        encoding === "br" ? brotliCompressSync(this.identity, BROTLI) : gzipSync(this.identity);
      this.coded.set(encoding, bytes);
    }
    return bytes;
  }
}

interface Built {
  timeZone: string;
  /**
   * `,"items":[…],"nextCursor":…}`: the page's part of the body, as UTF-8 bytes — encoded once,
   * not once per answer.
   */
  tail: Buffer;
  etag: string;
  /** The bodies of the last second this page was read in. */
  latest?: SecondBodies;
}

const built = new WeakMap<RankedPage, Built>();

function closed(): Built {
  return {
    timeZone: "",
    tail: Buffer.from(',"items":[],"nextCursor":null}'),
    etag: 'W/"venue-closed"',
  };
}

/** One per campaign: the closed page's bodies are kept per second like any page's. */
const closedByCampaign = new Map<string, Built>();

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
  const made: Built = { timeZone, tail, etag };
  built.set(page, made);
  return made;
}

function bodiesAt(campaignId: string, made: Built, nowText: string, running: boolean) {
  if (made.latest?.nowText === nowText) return made.latest;
  const head = `{"campaignId":${JSON.stringify(campaignId)},"now":${JSON.stringify(nowText)},"running":${running}`;
  const headBytes = Buffer.byteLength(head);
  const identity = Buffer.allocUnsafe(headBytes + made.tail.length);
  identity.write(head, 0, "utf8");
  made.tail.copy(identity, headBytes);
  made.latest = new SecondBodies(nowText, identity);
  return made.latest;
}

/** The tag of this read's page, and its body (`now` included) when it is to be sent. */
export function venueJson(read: VenueRead): {
  etag: string;
  body: (encoding?: VenueEncoding) => Buffer;
} {
  const { campaignId, loaded, now, running, page } = read;
  const timeZone = loaded.campaign.timeZone;
  let made: Built;
  if (page && running) made = build(page, timeZone);
  else {
    made = closedByCampaign.get(campaignId) ?? closed();
    closedByCampaign.set(campaignId, made);
  }
  return {
    etag: made.etag,
    body: (encoding) => {
      const bodies = bodiesAt(campaignId, made, formatterFor(timeZone)(now), running);
      return encoding ? bodies.encoded(encoding) : bodies.identity;
    },
  };
}

// No cache of answers: the header is the client's to vary, and a map keyed by it would grow.
const encodings = new Negotiator({ supportedValues: ["br", "gzip"] });

/**
 * The coding to answer in for this `Accept-Encoding`: brotli or gzip as the client prefers
 * (brotli on a tie), none when it names neither (or refuses both with `q=0`).
 */
export function venueEncoding(acceptEncoding: string | undefined): VenueEncoding | undefined {
  if (!acceptEncoding) return undefined;
  // Content codings are case-insensitive (RFC 9110 §8.4.1); the negotiator compares exactly.
  const chosen = encodings.negotiate(acceptEncoding.toLowerCase());
  return chosen === "br" || chosen === "gzip" ? chosen : undefined;
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
