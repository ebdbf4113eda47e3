/**
 * A merchant's standing against every merchant rule, for the campaign page: actual vs required
 * and pass or fail for each rule — passing ones too, which `check` (failures only) does not give.
 * Pure: campaign and facts in, rows out; display text in both languages via the engine's own
 * `display`, so the page and the failure messages show values the same way.
 */
import type { Bilingual, Campaign, Check, Rule } from "../../domain/campaign/model.js";
import {
  display,
  displayBeside,
  type Eligibility,
  type Failure,
  type Lang,
} from "../../domain/eligibility/index.js";
import { getMerchantFacts } from "../../store/repos/facts.js";
import { merchantExit } from "../../store/repos/listings.js";
import type { LoadedCampaign } from "../campaigns/catalog.js";
import type { AppContext } from "../context.js";

export interface StandingRow {
  code: string;
  clause: string;
  title: Bilingual;
  pass: boolean;
  actual: unknown;
  required: string;
  actualText: Bilingual;
  requiredText: Bilingual;
  message: Bilingual | null;
}

const both = (f: (lang: Lang) => string): Bilingual => ({ zh: f("zh"), en: f("en") });

const OPS: Record<string, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<", eq: "=", atLeast: "≥" };

/** The requirement in words: "≥ 85%", "one of the campaign's categories", "yes". */
export function requirementText(check: Check, campaign: Campaign): Bilingual {
  const { op, value, format } = check;
  if (op in OPS && check.valueFact) return both(() => `${OPS[op]} ${check.valueFact}`);
  if (op in OPS) return both((l) => `${OPS[op]} ${display(value, format, l)}`);
  if (op === "is") return both((l) => display(value, format, l));
  if (op === "in" && Array.isArray(value) && value.length === campaign.categories.length) {
    return { zh: "活动类目之一", en: "one of the campaign's categories" };
  }
  // "false or 0" (a flag or penalty points, both meaning none) reads as what it means.
  if (op === "in" && Array.isArray(value) && value.length > 0 && value.every((v) => !v)) {
    return { zh: "无", en: "none" };
  }
  if (op === "in")
    return both((l) => (l === "zh" ? "属于：" : "one of: ") + display(value, format, l));
  if (op === "subsetOf")
    return { zh: "仅限允许的不包邮地区", en: "only the allowed non-free regions" };
  return both((l) => display(value, format, l));
}

function factOf(facts: Record<string, unknown> | undefined, rule: Rule): unknown {
  const fact = rule.checks[0]?.fact;
  return fact && facts && fact in facts ? facts[fact] : null;
}

/** Every rule of one subject (merchant or product) with these facts' value and result. */
export function ruleRows(
  campaign: Campaign,
  subject: "merchant" | "product",
  facts: Record<string, unknown> | undefined,
  failures: readonly Failure[],
): StandingRow[] {
  const failed = new Map(failures.map((f) => [f.rule, f]));
  return campaign.rules
    .filter((r) => r.subject === subject)
    .map((rule): StandingRow => {
      const failure = failed.get(rule.code);
      const check = rule.checks[0]!;
      const actual = failure ? failure.actual : factOf(facts, rule);
      return {
        code: rule.code,
        clause: rule.clause,
        title: rule.title,
        pass: !failure,
        actual,
        required: failure?.required ?? "",
        // Beside the requirement, a failing value never reads as the required one.
        actualText: both((l) =>
          failure
            ? displayBeside(actual, check.value, check.format, l)
            : display(actual, check.format, l),
        ),
        requiredText: requirementText(check, campaign),
        message: failure?.message ?? null,
      };
    });
}

export function merchantStanding(
  campaign: Campaign,
  eligibility: Eligibility,
  facts: Record<string, unknown> | undefined,
): { eligible: boolean; rows: StandingRow[] } {
  const decision = eligibility.evaluateMerchant(facts ?? {});
  return {
    eligible: decision.eligible,
    rows: ruleRows(campaign, "merchant", facts, decision.failures),
  };
}

/** The merchant's standing as the campaign page shows it: facts, every rule, and its exit. */
export async function readMerchantStanding(
  ctx: AppContext,
  loaded: LoadedCampaign,
  merchantId: string,
) {
  const db = ctx.store.db;
  const row = await getMerchantFacts(db, merchantId);
  const facts = row ? (JSON.parse(row.body) as Record<string, unknown>) : undefined;
  const { eligible, rows } = merchantStanding(loaded.campaign, loaded.eligibility, facts);
  const exit = await merchantExit(db, loaded.campaign.id, merchantId);
  return {
    merchantId,
    name: typeof facts?.name === "string" ? facts.name : null,
    eligible,
    factsKnown: facts !== undefined,
    exited: exit ? { at: exit.exitedAt, reason: exit.reason } : null,
    rules: rows,
  };
}
