/**
 * A fact snapshot's identity is the sha-256 of its canonical JSON (keys sorted at every level),
 * so the same facts pushed twice are one snapshot and a registration can name what it saw.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

export function snapshotOf(facts: object): { body: string; hash: string } {
  const body = canonicalJson(facts);
  return { body, hash: createHash("sha256").update(body).digest("hex") };
}
