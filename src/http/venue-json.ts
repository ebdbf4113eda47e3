/**
 * The venue page as bytes, its gzip coding, and its entity tag, built once per ranked page and
 * time zone (a ranked page is shared by every reader of it until the venue changes).
 *
 * The tag is weak (`W/"…"`): the body also carries `now`, which differs from one answer to the
 * next; the tag covers everything else — `running`, the items with every field shown and
 * `nextCursor` — so it changes whenever any of those would, and two answers with one tag differ
 * at most in `now` and their content coding. A page outside the activity window is always the
 * same empty page.
 *
 * Why gzip is spliced, not compressed per answer: a page of 50 is ~15 kB of JSON and ~3 kB
 * gzipped, and the channel reads the first pages with many connections at once; but `now` (to
 * the millisecond) makes every answer's bytes different, so @fastify/compress would compress
 * each one anew. The page's part is compressed once, as raw deflate; an answer is the gzip
 * header, the answer's own head (`{"campaignId":…,"now":…,"running":…`) as a stored (not
 * compressed) deflate block, that compressed tail, and the CRC-32 and length of the whole.
 */
import { hash } from "node:crypto";
import { crc32, deflateRawSync } from "node:zlib";
import { Negotiator } from "@fastify/accept-negotiator";
import type { RankedPage } from "../app/venue/rankings.js";
import { type VenueRead, venueCursor } from "../app/venue/venue.js";
import { shiftCrc32 } from "./crc32-shift.js";
import { formatterFor } from "./present.js";

/** The content coding the venue answers in, besides none (`identity`). */
export type VenueEncoding = "gzip";

interface Built {
  timeZone: string;
  /**
   * `,"items":[…],"nextCursor":…}`: the page's part of the body, as UTF-8 bytes — encoded once,
   * not once per answer.
   */
  tail: Buffer;
  /**
   * `tail` as raw deflate (its last block final), its CRC-32, and what carries a head's CRC-32
   * over it (crc32-shift.ts): made on first demand.
   */
  deflated?: { bytes: Buffer; crc: number; shift: (crc: number) => number };
  etag: string;
}

const built = new WeakMap<RankedPage, Built>();

const CLOSED: Built = {
  timeZone: "",
  tail: Buffer.from(',"items":[],"nextCursor":null}'),
  etag: 'W/"venue-closed"',
};

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

/** gzip's fixed header: magic, deflate, no flags, no time, no extra flags, OS unknown. */
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** A stored block holds at most 65,535 bytes; the head is a few hundred. */
const MAX_STORED = 0xffff;

/**
 * An answer's head, `{"campaignId":…,"now":…,"running":…`, as bytes, and its CRC-32 once asked
 * for. Kept for the next answer: under load a dozen answers fall in one millisecond and share
 * it, and it is never sent itself (every body copies it).
 */
interface Head {
  campaignId: string;
  timeZone: string;
  now: number;
  running: boolean;
  bytes: Buffer;
  crc?: number;
}

let lastHead: Head | undefined;

function headOf(campaignId: string, timeZone: string, now: number, running: boolean): Head {
  const last = lastHead;
  if (
    last !== undefined &&
    last.now === now &&
    last.campaignId === campaignId &&
    last.timeZone === timeZone &&
    last.running === running
  ) {
    return last;
  }
  const bytes = Buffer.from(
    `{"campaignId":${JSON.stringify(campaignId)},"now":${JSON.stringify(formatterFor(timeZone)(now))},"running":${running}`,
  );
  lastHead = { campaignId, timeZone, now, running, bytes };
  return lastHead;
}

/** `head` then `made.tail`, gzipped: the tail compressed once, the head stored as it is. */
function gzipped(head: Head, made: Built): Buffer {
  made.deflated ??= {
    bytes: deflateRawSync(made.tail),
    crc: crc32(made.tail),
    shift: shiftCrc32(made.tail.length),
  };
  const stored = head.bytes;
  if (stored.length > MAX_STORED) throw new Error("venue answer head too long to store");
  const { bytes, crc, shift } = made.deflated;
  const out = Buffer.allocUnsafe(GZIP_HEADER.length + 5 + stored.length + bytes.length + 8);
  let at = GZIP_HEADER.copy(out, 0);
  // A stored block, not the last: header bits 000 padded to a byte, LEN and its complement.
  out[at++] = 0;
  out.writeUInt16LE(stored.length, at);
  out.writeUInt16LE(~stored.length & 0xffff, at + 2);
  at += 4;
  at += stored.copy(out, at);
  at += bytes.copy(out, at);
  // The CRC of the whole body: the head's, carried over the tail, with the tail's own.
  head.crc ??= crc32(stored);
  out.writeUInt32LE((shift(head.crc) ^ crc) >>> 0, at);
  out.writeUInt32LE((stored.length + made.tail.length) >>> 0, at + 4);
  return out;
}

/** The tag of this read's page, and its body (`now` included) when it is to be sent. */
export function venueJson(read: VenueRead): {
  etag: string;
  body: (encoding?: VenueEncoding) => Buffer;
} {
  const { campaignId, loaded, now, running, page } = read;
  const timeZone = loaded.campaign.timeZone;
  const made = page && running ? build(page, timeZone) : CLOSED;
  return {
    etag: made.etag,
    body: (encoding) => {
      const head = headOf(campaignId, timeZone, now, running);
      return encoding === "gzip"
        ? gzipped(head, made)
        : Buffer.concat([head.bytes, made.tail], head.bytes.length + made.tail.length);
    },
  };
}

const encodings = new Negotiator({ supportedValues: ["gzip"] });

/**
 * Answers for the `Accept-Encoding` values seen last: a client sends the same one on every
 * request. Bounded (the header is the client's to vary): emptied when full.
 */
const negotiated = new Map<string, VenueEncoding | null>();
const MAX_NEGOTIATED = 64;

/**
 * The coding to answer in for this `Accept-Encoding`: gzip when the client takes it, none
 * otherwise (brotli cannot be spliced as gzip is, and compressing each answer costs more than
 * sending it plain).
 */
export function venueEncoding(acceptEncoding: string | undefined): VenueEncoding | undefined {
  if (!acceptEncoding) return undefined;
  let coding = negotiated.get(acceptEncoding);
  if (coding === undefined) {
    // Content codings are case-insensitive (RFC 9110 §8.4.1); the negotiator compares exactly.
    coding = encodings.negotiate(acceptEncoding.toLowerCase()) === "gzip" ? "gzip" : null;
    if (negotiated.size >= MAX_NEGOTIATED) negotiated.clear();
    negotiated.set(acceptEncoding, coding);
  }
  return coding ?? undefined;
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
