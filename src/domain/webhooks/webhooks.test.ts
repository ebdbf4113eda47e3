import { createHmac, timingSafeEqual } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_MS, retryDelayMs } from "./backoff.js";
import { signatureHeader, signatureHex, verifySignature } from "./signature.js";

describe("webhook signatures", () => {
  it("is Stripe's scheme: HMAC-SHA256 of `t.body`, hex", () => {
    // A value computed independently: printf '1707600000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
    expect(signatureHex("whsec_test", 1707600000, '{"a":1}')).toBe(
      "adbf92f3b1a91f88d9a91e4331b66c684aed19972f2058d024aea7cfcefed8be",
    );
    expect(signatureHeader("s", 10, "b")).toMatch(/^t=10,v1=[0-9a-f]{64}$/);
  });

  it("verifies what it signs, and nothing altered", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        (secret, body, t) => {
          const header = signatureHeader(secret, t, body);
          expect(verifySignature(header, secret, body, t)).toEqual({ ok: true, timestamp: t });
          expect(verifySignature(header, `${secret}x`, body, t)).toEqual({
            ok: false,
            reason: "mismatch",
          });
          expect(verifySignature(header, secret, `${body} `, t).ok).toBe(false);
          expect(verifySignature(header, secret, body, t + 301)).toEqual({
            ok: false,
            reason: "stale",
          });
        },
      ),
    );
  });

  it("refuses malformed headers, and takes any matching v1 of several", () => {
    expect(verifySignature(undefined, "s", "b", 0)).toEqual({ ok: false, reason: "malformed" });
    expect(verifySignature("v1=abc", "s", "b", 0)).toEqual({ ok: false, reason: "malformed" });
    const good = signatureHex("s", 5, "b");
    expect(verifySignature(`t=5,v1=${"0".repeat(64)},v1=${good}`, "s", "b", 5).ok).toBe(true);
  });
});

// docs/webhooks.md's verification, as a receiver would paste it.
function verifyGala(rawBody: string, header: string, secret: string, toleranceSeconds = 300) {
  const parts = Object.fromEntries(header.split(",").map((p) => p.split("=", 2)));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  const fresh = Math.abs(Date.now() / 1000 - Number(parts.t)) <= toleranceSeconds;
  return fresh && given.length === expected.length && timingSafeEqual(given, expected);
}

describe("the docs' verification snippet", () => {
  it("accepts what the sender signs and refuses a changed body", () => {
    const body = '{"id":"c:claim:o2:late_shipment","type":"claim.paid"}';
    const header = signatureHeader("whsec_example", Math.floor(Date.now() / 1000), body);
    expect(verifyGala(body, header, "whsec_example")).toBe(true);
    expect(verifyGala(body.replace("o2", "o3"), header, "whsec_example")).toBe(false);
    expect(verifyGala(body, header, "other")).toBe(false);
  });
});

describe("retry backoff", () => {
  it("doubles from 1 s and stays at 10 minutes", () => {
    expect([1, 2, 3, 4, 10, 11, 50, 10_000].map(retryDelayMs)).toEqual([
      1_000,
      2_000,
      4_000,
      8_000,
      512_000,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
      MAX_RETRY_MS,
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (n) => {
        expect(retryDelayMs(n + 1)).toBeGreaterThanOrEqual(retryDelayMs(n));
      }),
    );
  });
});
