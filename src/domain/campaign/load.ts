/**
 * Campaign text → validated Campaign, or every problem found (with line, path and fix).
 * Pure: the file adapter (`src/app/campaign-file.ts`) reads bytes and calls this.
 */
import { type Document, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { claimTable } from "./claim-table.js";
import { campaignHash } from "./hash.js";
import type { Campaign, Check, Rule, Window } from "./model.js";
import { type CampaignProblem, formatPath } from "./problems.js";
import { type CampaignFile, type CheckFile, campaignFileSchema } from "./schema.js";
import { checkProblems, fixForIssue } from "./semantics.js";
import { wallClockToInstant } from "./windows.js";

export type ParseResult =
  | { ok: true; campaign: Campaign }
  | { ok: false; problems: CampaignProblem[] };

export { campaignHash };

export function parseCampaign(text: string, source: string): ParseResult {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((error) => ({
        source,
        line: lines.linePos(error.pos[0]).line,
        path: "(YAML syntax)",
        message: error.message.split("\n")[0] ?? "invalid YAML",
        fix: "correct the YAML syntax at that line (indentation, quotes, a colon after each key)",
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]) => lineOfPath(doc, lines, path);
  const data = toData(doc);
  if (!data.ok) {
    return {
      ok: false,
      problems: [
        {
          source,
          path: "(YAML aliases)",
          message: data.message,
          fix: "write the values out instead of repeating aliases (*name) of aliases; a campaign file needs few, if any",
        },
      ],
    };
  }
  const parsed = campaignFileSchema.safeParse(data.value);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => issueProblem(i, source, lineOf)) };
  }
  const semantic = checkProblems(parsed.data).map((p) => ({
    source,
    line: lineOf(p.path),
    path: formatPath(p.path),
    message: p.message,
    fix: p.fix,
  }));
  if (semantic.length > 0) return { ok: false, problems: semantic };
  return { ok: true, campaign: toCampaign(parsed.data, campaignHash(text)) };
}

/**
 * The document as plain data. The YAML library refuses aliases that would expand past a limit
 * (a "billion laughs" file) by throwing; that is a problem of the file, not a crash.
 */
function toData(doc: Document): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: doc.toJS() };
  } catch (error) {
    if (error instanceof ReferenceError) return { ok: false, message: error.message };
    throw error;
  }
}

function issueProblem(
  issue: z.core.$ZodIssue,
  source: string,
  lineOf: (path: readonly PropertyKey[]) => number | undefined,
): CampaignProblem {
  return {
    source,
    line: lineOf(issue.path),
    path: formatPath(issue.path),
    message: issue.message,
    fix: fixForIssue(issue),
  };
}

/** Walks up the path until a node with a source range is found (a missing key → its parent). */
function lineOfPath(
  doc: Document,
  lines: LineCounter,
  path: readonly PropertyKey[],
): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node?.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function toCampaign(file: CampaignFile, hash: string): Campaign {
  const window = (w: { start: string; end: string }): Window => ({
    start: wallClockToInstant(w.start, file.timeZone)!,
    end: wallClockToInstant(w.end, file.timeZone)!,
    declared: { start: w.start, end: w.end, timeZone: file.timeZone },
  });
  const categories = file.categories.map((c) => ({ id: c.id, en: c.en, aliases: c.aliases ?? [] }));
  const lists = {
    categories: categories.map((c) => c.id),
    freeShippingExclusions: file.freeShippingExclusions,
  };
  const categoryAliases = categories.flatMap((c) => c.aliases);
  const toCheck = (c: CheckFile): Check => ({
    fact: c.fact,
    op: c.op,
    value: c.valueFrom ? lists[c.valueFrom] : c.value,
    ...(c.valueFact ? { valueFact: c.valueFact } : {}),
    ...(c.valueFrom === "categories" && categoryAliases.length > 0
      ? { aliases: categoryAliases }
      : {}),
    ...(c.order ? { order: c.order } : {}),
    format: c.format ?? "plain",
    ...(c.message ? { message: c.message } : {}),
  });
  const rules: Rule[] = file.rules.map((r) => ({
    code: r.code,
    clause: r.clause,
    subject: r.subject,
    title: r.title,
    checks: (r.checks ?? (r.check ? [r.check] : [])).map(toCheck),
    message: r.message,
    recheck: r.recheck,
  }));
  return {
    id: file.id,
    hash,
    name: file.name,
    ...(file.description ? { description: file.description } : {}),
    timeZone: file.timeZone,
    windows: {
      registration: window(file.windows.registration),
      activity: window(file.windows.activity),
    },
    categories,
    freeShippingExclusions: file.freeShippingExclusions,
    benefits: file.benefits,
    rules,
    policy: policyOf(file.policy),
  };
}

function policyOf(policy: CampaignFile["policy"]): Campaign["policy"] {
  const { claims: _table, ...rest } = policy;
  return { ...rest, claims: claimTable(policy) };
}
