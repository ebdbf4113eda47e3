/**
 * Compiled campaign files, kept between runs of the command line. Parsing and checking a campaign
 * needs the YAML parser and the schema library, which take ~0.1 s to load, and ~0.1 s more to run:
 * about half of what `gala replay` or `gala check` spends before its first line. A file already
 * compiled by this build is read back as JSON instead (a fraction of a millisecond).
 *
 * The key is the file's text together with everything its compiled form depends on: the loader's
 * own code (`src/domain/campaign/`), the pinned dependency versions (`package.json`), and Node
 * with its time-zone data (windows are converted to instants). Only campaigns that passed every
 * check are stored, so every problem report still comes from the loader. Entries are written
 * whole (temporary file, then rename); an unreadable one is a miss. Where: `$GALA_CACHE_DIR`,
 * else `$XDG_CACHE_HOME/gala`, else `~/.cache/gala`; `GALA_CACHE_DIR=off` turns it off. A cache
 * that cannot be written is skipped silently: it only ever saves time.
 */
import { createHash, randomBytes } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { campaignHash } from "../domain/campaign/hash.js";
import type { Campaign } from "../domain/campaign/model.js";

export function campaignCacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.GALA_CACHE_DIR;
  if (chosen === "off") return undefined;
  if (chosen) return join(chosen, "campaigns");
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "gala", "campaigns");
}

export interface CompiledCampaigns {
  /** The compiled form of the file with this text, if stored. */
  read(text: string): Campaign | undefined;
  /** Stores a compiled campaign, under its file's hash (`campaign.hash`). */
  write(campaign: Campaign): void;
}

/** The cache in `directory` (see `campaignCacheDirectory`). */
export function compiledCampaigns(directory: string): CompiledCampaigns {
  const entry = (fileHash: string) =>
    join(directory, `${sha256(loaderFingerprint() + fileHash)}.json`);
  return {
    read(text) {
      const fileHash = campaignHash(text);
      try {
        const campaign = JSON.parse(readFileSync(entry(fileHash), "utf8")) as Campaign;
        // The hash every decision carries is the file's: a cheap proof the entry is this file's.
        return campaign.hash === fileHash ? campaign : undefined;
      } catch {
        return undefined;
      }
    },
    write(campaign) {
      try {
        mkdirSync(directory, { recursive: true });
        const path = entry(campaign.hash);
        const temporary = `${path}.${randomBytes(4).toString("hex")}.tmp`;
        writeFileSync(temporary, JSON.stringify(campaign));
        renameSync(temporary, path);
      } catch {
        // Read-only home, full disk: the next run compiles again.
      }
    },
  };
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let fingerprint: string | undefined;

/** What a compiled campaign depends on besides its file; read once per process (~1 ms). */
function loaderFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash("sha256");
  const loader = fileURLToPath(new URL("../domain/campaign/", import.meta.url));
  for (const name of readdirSync(loader).sort()) {
    if (name.includes(".test.") || name.endsWith(".map")) continue;
    hash.update(name).update(readFileSync(join(loader, name)));
  }
  const manifest = packageManifest(dirname(loader));
  if (manifest !== undefined) hash.update(readFileSync(manifest));
  hash.update(`${process.version} ${process.versions.tz ?? ""} ${process.versions.icu ?? ""}`);
  fingerprint = hash.digest("hex");
  return fingerprint;
}

/** The nearest package.json above `from`: Gala's own, which pins every dependency's version. */
function packageManifest(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
