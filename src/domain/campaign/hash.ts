/** A campaign's identity: the hex sha-256 of its file's text, carried by every decision. */
import { createHash } from "node:crypto";

export function campaignHash(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
