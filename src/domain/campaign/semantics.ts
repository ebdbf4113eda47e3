/**
 * Checks that the schema alone cannot express: a value that fits its operator, references
 * that resolve, windows that are real times in a real zone, unique codes. Each problem carries
 * the fix a campaign author needs.
 */
import type { z } from "zod";
import { claimTableProblems } from "./claim-table.js";
import type { CampaignFile, CheckFile } from "./schema.js";
import { isKnownTimeZone, isSkippedInZone, wallClockToInstant } from "./windows.js";

export interface SemanticProblem {
  path: PropertyKey[];
  message: string;
  fix: string;
}

export function checkProblems(file: CampaignFile): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const add = (path: PropertyKey[], message: string, fix: string): void => {
    problems.push({ path, message, fix });
  };

  if (!isKnownTimeZone(file.timeZone)) {
    add(
      ["timeZone"],
      `unknown time zone "${file.timeZone}"`,
      "use an IANA zone such as Asia/Shanghai",
    );
  } else {
    for (const name of ["registration", "activity"] as const) {
      const w = file.windows[name];
      const start = wallClockToInstant(w.start, file.timeZone);
      const end = wallClockToInstant(w.end, file.timeZone);
      const notReal = (side: "start" | "end", example: string) => {
        const text = w[side];
        if (isSkippedInZone(text, file.timeZone)) {
          add(
            ["windows", name, side],
            `"${text}" does not happen in ${file.timeZone}: the clocks skip it (daylight saving)`,
            "give a time outside the skipped hour, e.g. one hour later or a second before it",
          );
        } else {
          add(
            ["windows", name, side],
            `"${text}" is not a real time`,
            `give a real date and time, e.g. ${example}`,
          );
        }
      };
      if (start === null) notReal("start", "2024-02-09 00:00:00");
      if (end === null) notReal("end", "2024-02-16 23:59:59");
      if (start !== null && end !== null && start > end) {
        add(
          ["windows", name],
          "the window ends before it starts",
          "swap start and end, or correct one of them",
        );
      }
    }
  }

  for (const i of duplicates(file.categories.map((c) => c.id))) {
    const id = file.categories[i]?.id;
    add(["categories", i, "id"], `category "${id}" is listed twice`, "remove the duplicate entry");
  }
  for (const p of aliasProblems(file.categories)) add(p.path, p.message, p.fix);
  for (const i of duplicates(file.rules.map((r) => r.code))) {
    const code = file.rules[i]?.code;
    add(["rules", i, "code"], `rule code "${code}" is used twice`, "give every rule its own code");
  }

  file.rules.forEach((rule, r) => {
    if (!rule.code.startsWith(`${rule.subject}.`)) {
      add(
        ["rules", r, "subject"],
        `rule ${rule.code} has subject ${rule.subject}`,
        `make the code start with "${rule.subject}." or change the subject`,
      );
    }
    if ((rule.check === undefined) === (rule.checks === undefined)) {
      add(
        ["rules", r],
        "a rule needs exactly one of `check` or `checks`",
        "use `check:` for one condition, `checks:` for a list",
      );
    }
    const checks = rule.checks ?? (rule.check ? [rule.check] : []);
    checks.forEach((check, c) => {
      const at = rule.checks ? ["rules", r, "checks", c] : ["rules", r, "check"];
      for (const p of checkValueProblems(check, file)) add([...at, ...p.path], p.message, p.fix);
    });
  });

  const comp = file.policy.compensation;
  if (comp.minFen > comp.maxFen) {
    add(
      ["policy", "compensation", "minFen"],
      `minFen ${comp.minFen} is above maxFen ${comp.maxFen}`,
      "make minFen ≤ maxFen",
    );
  }
  problems.push(...claimTableProblems(file.policy));
  return problems;
}

/**
 * A category's other spellings must each name one category: an alias that is also a category's
 * id, or an alias of two categories, would make a fact match the wrong one (or both).
 */
function aliasProblems(categories: CampaignFile["categories"]): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  const ids = new Map(categories.map((c, i) => [c.id, i]));
  const seen = new Map<string, number>();
  categories.forEach((category, i) => {
    (category.aliases ?? []).forEach((alias, j) => {
      const path = ["categories", i, "aliases", j];
      const owner = ids.get(alias);
      if (owner === i) {
        out.push({
          path,
          message: `"${alias}" is this category's id and its alias`,
          fix: "remove it from aliases: the id matches already",
        });
      } else if (owner !== undefined) {
        out.push({
          path,
          message: `alias "${alias}" of category "${category.id}" is itself a category`,
          fix: `remove the alias, or the category "${alias}" (categories[${owner}])`,
        });
      } else if (seen.has(alias)) {
        const first = categories[seen.get(alias)!]!.id;
        out.push({
          path,
          message: `alias "${alias}" is given twice (also for category "${first}")`,
          fix: "give each spelling to one category only",
        });
      }
      if (!seen.has(alias)) seen.set(alias, i);
    });
  });
  return out;
}

const NUMERIC_OPS: ReadonlySet<string> = new Set(["gte", "gt", "lte", "lt"]);

function checkValueProblems(check: CheckFile, file: CampaignFile): SemanticProblem[] {
  const out: SemanticProblem[] = [];
  const given = [check.value, check.valueFrom, check.valueFact].filter((v) => v !== undefined);
  if (given.length !== 1) {
    out.push({
      path: ["value"],
      message: "a check needs exactly one of `value`, `valueFrom` or `valueFact`",
      fix: "give a threshold in `value`, a list in `valueFrom: categories`, or another fact in `valueFact`",
    });
    return out;
  }
  if (check.valueFact !== undefined) {
    if (!NUMERIC_OPS.has(check.op)) {
      out.push({
        path: ["op"],
        message: `operator ${check.op} cannot compare with another fact (valueFact)`,
        fix: "use gte, gt, lte or lt with valueFact",
      });
    } else if (check.valueFact === check.fact) {
      out.push({
        path: ["valueFact"],
        message: `the check compares ${check.fact} with itself`,
        fix: "name the other fact, e.g. valueFact: lowestPrice30dFen",
      });
    }
    return out;
  }
  const value = check.valueFrom
    ? check.valueFrom === "categories"
      ? file.categories.map((c) => c.id)
      : file.freeShippingExclusions
    : check.value;
  const want = (message: string, fix: string) => out.push({ path: ["value"], message, fix });
  switch (check.op) {
    case "gte":
    case "gt":
    case "lte":
    case "lt":
      if (typeof value !== "number")
        want(
          `operator ${check.op} needs a number, got ${JSON.stringify(value)}`,
          "give a number, e.g. 0.85",
        );
      break;
    case "in":
    case "subsetOf":
      if (!Array.isArray(value))
        want(
          `operator ${check.op} needs a list, got ${JSON.stringify(value)}`,
          "give a list, e.g. [enterprise, individual]",
        );
      break;
    case "is":
      if (typeof value !== "boolean")
        want(
          `operator is needs true or false, got ${JSON.stringify(value)}`,
          "write value: true or value: false",
        );
      break;
    case "eq":
      if (Array.isArray(value)) want("operator eq needs a single value", "use op: in for a list");
      break;
    case "atLeast":
      if (!check.order)
        out.push({
          path: ["order"],
          message: "operator atLeast needs an `order`",
          fix: "list the levels lowest first, e.g. order: [none, A, AA]",
        });
      else if (typeof value !== "string" || !check.order.includes(value))
        want(
          `${JSON.stringify(value)} is not one of the levels in order`,
          `use one of ${check.order.join(", ")}`,
        );
      break;
  }
  return out;
}

function duplicates(values: readonly string[]): number[] {
  const seen = new Set<string>();
  const at: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) at.push(i);
    seen.add(v);
  });
  return at;
}

/** Turns a schema issue into the sentence a campaign author acts on. */
export function fixForIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined
        ? `add the missing field (${issue.expected})`
        : `change the value to a ${issue.expected}`;
    case "unrecognized_keys":
      return `remove ${issue.keys.join(", ")} or correct the spelling of the key`;
    case "invalid_value":
      return `use one of: ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return `give at least ${String(issue.minimum)}${issue.origin === "array" ? " entries" : ""}`;
    case "too_big":
      return `give at most ${String(issue.maximum)}`;
    case "invalid_format":
      return "match the format shown in the reference campaign (campaigns/spring-festival-2024.yaml)";
    default:
      return "compare with the reference campaign (campaigns/spring-festival-2024.yaml)";
  }
}
