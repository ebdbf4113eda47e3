/**
 * Webhook signatures, Stripe's scheme: `Gala-Signature: t=TIMESTAMP,v1=HEX`, where TIMESTAMP is
 * Unix seconds when the request was sent and HEX the lowercase hex HMAC-SHA256, keyed by the
 * endpoint's secret, of `TIMESTAMP.BODY` (the raw request body as sent). Signing the timestamp
 * with the body lets a receiver refuse a captured request replayed later.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "gala-signature";
/** How far a receiver should accept a timestamp from its own clock (docs/webhooks.md). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signatureHex(secret: string, timestamp: number, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`, "utf8").digest("hex");
}

export function signatureHeader(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${signatureHex(secret, timestamp, body)}`;
}

export type Verdict =
  | { ok: true; timestamp: number }
  | { ok: false; reason: "malformed" | "mismatch" | "stale" };

/**
 * What a receiver does (and what docs/webhooks.md shows): parse the header, recompute the HMAC
 * over `t.BODY`, compare in constant time, and refuse a timestamp too far from `nowSeconds`.
 * Several `v1=` values (a secret being rotated) pass if any matches.
 */
export function verifySignature(
  header: string | undefined,
  secret: string,
  body: string,
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Verdict {
  if (!header) return { ok: false, reason: "malformed" };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(",")) {
    const eq = part.indexOf("=");
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === "t" && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === "v1" && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (timestamp === undefined || signatures.length === 0) return { ok: false, reason: "malformed" };
  const expected = Buffer.from(signatureHex(secret, timestamp, body), "hex");
  const matches = signatures.some((s) => timingSafeEqual(Buffer.from(s, "hex"), expected));
  if (!matches) return { ok: false, reason: "mismatch" };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: "stale" };
  return { ok: true, timestamp };
}
