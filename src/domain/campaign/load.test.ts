import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { inWindow as isWithin } from "../time/window.js";
import { parseCampaign } from "./load.js";

const referencePath = "campaigns/spring-festival-2024.yaml";
const reference = readFileSync(referencePath, "utf8");

// The rule codes of docs/campaign-reading.md (merchant and product rules), listed here so the test pins them.
const specRuleCodes = [
  "merchant.pickup_rate_48h",
  "merchant.lighthouse_score",
  "merchant.main_category",
  "merchant.trade_medal",
  "merchant.chengxintong",
  "merchant.alipay_verified",
  "merchant.buyer_protection",
  "merchant.buyer_protection_deposit",
  "merchant.certification",
  "merchant.fake_transactions",
  "merchant.violation_points",
  "merchant.ip_infringement",
  "merchant.competitiveness",
  "merchant.prohibited_info_points",
  "merchant.business_compliance",
  "merchant.infringing_listing_penalty",
  "merchant.court_dishonest",
  "merchant.finance_overdue",
  "merchant.holiday_shipping",
  "product.category",
  "product.alipay_escrow",
  "product.free_shipping",
  "product.shipping_guarantee",
  "product.lowest_price",
  "product.seven_day_return",
  "product.douyin_ewaybill",
];

function load(text: string) {
  return parseCampaign(text, "test.yaml");
}
function problemsOf(text: string) {
  const result = load(text);
  if (result.ok) throw new Error("expected problems");
  return result.problems;
}

describe("the reference campaign", () => {
  const result = load(reference);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  const campaign = result.campaign;

  it("has every merchant and product rule code", () => {
    expect(campaign.rules.map((r) => r.code).sort()).toEqual([...specRuleCodes].sort());
  });

  it("declares windows in Asia/Shanghai, inclusive to the second", () => {
    const activity = campaign.windows.activity;
    expect(new Date(activity.start).toISOString()).toBe("2024-02-08T16:00:00.000Z");
    expect(isWithin(activity, Date.parse("2024-02-16T23:59:59.999+08:00"))).toBe(true);
    expect(isWithin(activity, Date.parse("2024-02-17T00:00:00+08:00"))).toBe(false);
    expect(isWithin(activity, Date.parse("2024-02-08T23:59:59.999+08:00"))).toBe(false);
    // The literal (typo) registration start of the source is kept on purpose.
    expect(new Date(campaign.windows.registration.start).toISOString()).toBe(
      "2023-01-08T16:00:00.000Z",
    );
  });

  it("resolves valueFrom references and de-duplicated categories", () => {
    const category = campaign.rules.find((r) => r.code === "product.category")!;
    expect(category.checks[0]!.value).toEqual(campaign.categories.map((c) => c.id));
    expect(new Set(campaign.categories.map((c) => c.id)).size).toBe(campaign.categories.length);
    const shipping = campaign.rules.find((r) => r.code === "product.free_shipping")!;
    expect(shipping.checks[1]!.value).toContain("overseas");
  });

  it("is identified by a hash of its content", () => {
    const again = load(reference);
    const changed = load(reference.replace("value: 0.85", "value: 0.80"));
    expect(again.ok && again.campaign.hash).toBe(campaign.hash);
    expect(changed.ok && changed.campaign.hash).not.toBe(campaign.hash);
    expect(campaign.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("has a message in Chinese and English for every rule", () => {
    for (const rule of campaign.rules) {
      expect(rule.message.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(rule.message.en).toMatch(/[a-z]/);
    }
  });
});

const lineOf = (text: string, needle: string) =>
  text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("campaign file errors", () => {
  it("reports YAML syntax errors with a line", () => {
    const [problem] = problemsOf("format: gala.campaign/v1\nid: [unclosed\n");
    expect(problem?.line).toBeGreaterThan(0);
    expect(problem?.fix).toMatch(/YAML/);
  });

  it("reports aliases that would expand past the YAML library's limit (billion laughs)", () => {
    let text = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n';
    for (let i = 1, prev = "a"; i < 10; prev = `b${i}`, i++) {
      text += `b${i}: &b${i} [${Array(9).fill(`*${prev}`).join(",")}]\n`;
    }
    const problems = problemsOf(text);
    expect(problems).toEqual([
      expect.objectContaining({ path: "(YAML aliases)", message: expect.stringMatching(/alias/) }),
    ]);
  });

  it("reports a wrong type with its path, line and fix", () => {
    const text = reference.replace(
      "value: 0.85, format: percent",
      'value: "high", format: percent',
    );
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toBe("rules[0].check.value");
    expect(problems[0]!.line).toBe(
      text.split("\n").findIndex((l) => l.includes('value: "high"')) + 1,
    );
    expect(problems[0]!.fix).toMatch(/number/);
  });

  it("reports unknown keys, unknown operators and every problem at once", () => {
    const text = reference
      .replace("op: lt, value: 36", "op: below, value: 36")
      .replace("timeZone: Asia/Shanghai", "timeZone: Asia/Shanghai\ncolour: red");
    const problems = problemsOf(text);
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["(top level)", "rules[10].check.op"]),
    );
    expect(problems.find((p) => p.path === "rules[10].check.op")!.fix).toMatch(/gte/);
  });

  it("rejects an unknown time zone, an impossible date and a reversed window", () => {
    expect(
      problemsOf(reference.replace("timeZone: Asia/Shanghai", "timeZone: Mars/Olympus"))[0]!.path,
    ).toBe("timeZone");
    const impossible = problemsOf(
      reference.replace('start: "2024-02-09 00:00:00"', 'start: "2024-02-30 00:00:00"'),
    );
    expect(impossible[0]!.path).toBe("windows.activity.start");
    const reversed = problemsOf(
      reference.replace('start: "2024-02-09 00:00:00"', 'start: "2024-03-09 00:00:00"'),
    );
    expect(reversed[0]!.message).toMatch(/ends before it starts/);
  });

  it("rejects a window time the zone skips, and takes the same file with a time that happens", () => {
    const inNewYork = (end: string) =>
      reference
        .replace("timeZone: Asia/Shanghai", "timeZone: America/New_York")
        .replace('end: "2024-02-16 23:59:59"\n\nbenefits', `end: "${end}"\n\nbenefits`);
    // 2024-03-10 02:00–02:59:59 does not happen in New York (clocks jump to 03:00).
    const gap = problemsOf(inNewYork("2024-03-10 02:30:00"));
    expect(gap).toEqual([
      expect.objectContaining({
        path: "windows.activity.end",
        message: expect.stringMatching(/does not happen in America\/New_York.*daylight saving/),
      }),
    ]);
    const ok = load(inNewYork("2024-03-10 03:30:00"));
    expect(ok.ok && ok.campaign.windows.activity.end).toBe(Date.parse("2024-03-10T03:30:00-04:00"));
  });

  it("rejects duplicate rule codes and operator/value mismatches", () => {
    const dup = problemsOf(
      reference.replace("code: merchant.lighthouse_score", "code: merchant.pickup_rate_48h"),
    );
    expect(dup[0]!.message).toMatch(/used twice/);
    const list = problemsOf(
      reference.replace("op: in, value: [enterprise, individual]", "op: in, value: enterprise"),
    );
    expect(list[0]!.message).toMatch(/needs a list/);
    const level = problemsOf(reference.replace("op: atLeast, value: A,", "op: atLeast, value: Z,"));
    expect(level[0]!.fix).toMatch(/AAAAA/);
  });

  it("rejects category aliases that are a category, repeated, or the category's own id", () => {
    const ownId = reference.replace("aliases: [工作] }", "aliases: [工作, 办公] }");
    expect(problemsOf(ownId)).toEqual([
      {
        source: "test.yaml",
        line: lineOf(ownId, "aliases: [工作, 办公]"),
        path: "categories[0].aliases[1]",
        message: '"办公" is this category\'s id and its alias',
        fix: "remove it from aliases: the id matches already",
      },
    ]);
    const another = reference.replace("aliases: [工作] }", "aliases: [工作, 鞋子] }");
    expect(problemsOf(another)).toEqual([
      expect.objectContaining({
        path: "categories[0].aliases[1]",
        message: 'alias "鞋子" of category "办公" is itself a category',
        fix: 'remove the alias, or the category "鞋子" (categories[2])',
      }),
    ]);
    const twice = reference.replace("aliases: [文明] }", "aliases: [文明, 工作] }");
    expect(problemsOf(twice)).toEqual([
      expect.objectContaining({
        line: lineOf(twice, "aliases: [文明, 工作]"),
        path: "categories[1].aliases[1]",
        message: 'alias "工作" is given twice (also for category "办公")',
      }),
    ]);
    const empty = problemsOf(reference.replace("aliases: [文明] }", 'aliases: [""] }'));
    expect(empty.map((p) => p.path)).toEqual(["categories[1].aliases[0]"]);
  });

  it("carries the aliases to the category rules, which still require the ids", () => {
    const result = load(reference);
    if (!result.ok) throw new Error("reference campaign invalid");
    const rule = result.campaign.rules.find((r) => r.code === "merchant.main_category")!;
    expect(rule.checks[0]!.value).toEqual(result.campaign.categories.map((c) => c.id));
    expect(rule.checks[0]!.aliases).toEqual(result.campaign.categories.flatMap((c) => c.aliases));
    const other = result.campaign.rules.find((r) => r.code === "merchant.certification")!;
    expect(other.checks[0]!.aliases).toBeUndefined();
  });

  it("compares with another fact only by a numeric operator, and never a fact with itself", () => {
    const swap = (to: string) =>
      reference.replace(
        "check: { fact: activityPriceFen, op: lte, valueFact: lowestPrice30dFen, format: yuan }",
        to,
      );
    const result = load(reference);
    expect(
      result.ok && result.campaign.rules.find((r) => r.code === "product.lowest_price")?.checks,
    ).toEqual([
      {
        fact: "activityPriceFen",
        op: "lte",
        value: undefined,
        valueFact: "lowestPrice30dFen",
        format: "yuan",
      },
    ]);
    const wrongOp = swap("check: { fact: activityPriceFen, op: in, valueFact: lowestPrice30dFen }");
    expect(problemsOf(wrongOp)).toEqual([
      expect.objectContaining({
        line: lineOf(wrongOp, "op: in, valueFact"),
        path: "rules[23].check.op",
        message: "operator in cannot compare with another fact (valueFact)",
      }),
    ]);
    const itself = problemsOf(
      swap("check: { fact: activityPriceFen, op: lte, valueFact: activityPriceFen }"),
    );
    expect(itself.map((p) => [p.path, p.message])).toEqual([
      ["rules[23].check.valueFact", "the check compares activityPriceFen with itself"],
    ]);
    const both = problemsOf(
      swap("check: { fact: activityPriceFen, op: lte, value: 5, valueFact: lowestPrice30dFen }"),
    );
    expect(both.map((p) => [p.path, p.message])).toEqual([
      ["rules[23].check.value", "a check needs exactly one of `value`, `valueFrom` or `valueFact`"],
    ]);
  });

  it("rejects a policy with min above max", () => {
    const problems = problemsOf(reference.replace("minFen: 500", "minFen: 20000"));
    expect(problems[0]!.path).toBe("policy.compensation.minFen");
  });
});

describe("the claim decision table and the newer policy sections", () => {
  const lineOf = (text: string, needle: string) =>
    text.split("\n").findIndex((l) => l.includes(needle)) + 1;

  it("reads the reference table, the appeals policy and which rules are rechecked", () => {
    const r = load(reference);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const { policy, rules } = r.campaign;
    expect(policy.claims.map((row) => row.id)).toEqual([
      "high-risk-buyer",
      "history-3",
      "standard",
    ]);
    expect(policy.claims[0]!.outcome).toEqual({ action: "hold", reason: "buyer_risk" });
    expect(policy.claims[1]).toEqual({
      id: "history-3",
      when: { merchantViolations: { gte: 3 } },
      outcome: { action: "pay", rateBasisPoints: 1000, minFen: 1000, maxFen: 20000 },
    });
    expect(policy.appeals).toEqual({ windowDays: 7, slaHours: 48 });
    const once = rules.filter((rule) => rule.recheck !== "continuous").map((rule) => rule.code);
    expect(once).toEqual(["merchant.pickup_rate_48h"]);
  });

  it("keeps a file without a table, appeals or recheck loading: the table compensation implies", () => {
    const start = reference.indexOf("  # 九.2: the automatic evaluation as a decision table");
    const end = reference.indexOf("  traffic:");
    const old = (reference.slice(0, start) + reference.slice(end))
      .replace(/ {4}recheck: continuous\n/g, "")
      .replace(/ {2}appeals:[^\n]*\n {4}windowDays: 7\n {4}slaHours: 48\n/, "");
    const r = load(old);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.campaign.policy.claims).toEqual([
      {
        id: "buyer-risk",
        when: { buyerRisk: ["high"] },
        outcome: { action: "hold", reason: "buyer_risk" },
      },
      {
        id: "standard",
        when: {},
        outcome: { action: "pay", rateBasisPoints: 500, minFen: 500, maxFen: 10000 },
      },
    ]);
    expect(r.campaign.policy.appeals).toEqual({ windowDays: 7, slaHours: 48 });
    expect(r.campaign.rules.every((rule) => rule.recheck === "registration")).toBe(true);
  });

  it("names the line of a row without a catch-all after it, and of an unreachable row", () => {
    const noCatchAll = reference.replace(
      "    - id: standard # 5% of the order amount, rounded half up to the fen, 5 to 100 yuan\n",
      "    - id: standard\n      when: { kind: [late_shipment] }\n",
    );
    const [last] = problemsOf(noCatchAll);
    expect(last).toMatchObject({
      path: "policy.claims[2]",
      line: lineOf(noCatchAll, "- id: standard"),
    });
    expect(last!.message).toMatch(/no row matches every claim/);
    expect(last!.fix).toMatch(/without `when`/);

    const unreachable = reference.replace("      when: { merchantViolations: { gte: 3 } }\n", "");
    const [dead] = problemsOf(unreachable);
    expect(dead).toMatchObject({
      path: "policy.claims[2]",
      line: lineOf(unreachable, "- id: standard"),
    });
    expect(dead!.message).toMatch(/"standard" can never match: row "history-3"/);
  });

  it("refuses two outcomes, bounds that cannot hold, min above max and a repeated id", () => {
    const twoOutcomes = reference.replace("hold: buyer_risk", "hold: buyer_risk\n      none: true");
    expect(problemsOf(twoOutcomes)[0]).toMatchObject({
      path: "policy.claims[0]",
      message: expect.stringMatching(/2 outcomes \(hold, none\)/),
    });
    const empty = reference.replace("{ gte: 3 }", "{ gte: 3, lt: 3 }");
    expect(problemsOf(empty)[0]).toMatchObject({
      path: "policy.claims[1].when.merchantViolations",
      line: lineOf(empty, "{ gte: 3, lt: 3 }"),
      message: expect.stringMatching(/can never match/),
    });
    const inverted = reference.replace(
      "minFen: 1000, maxFen: 20000",
      "minFen: 30000, maxFen: 20000",
    );
    expect(problemsOf(inverted)[0]!.path).toBe("policy.claims[1].pay.minFen");
    const repeated = reference.replace("- id: history-3", "- id: high-risk-buyer");
    expect(problemsOf(repeated)[0]!.message).toMatch(/used twice/);
    const typo = reference.replace("{ buyerRisk: [high] }", "{ buyerRisk: [hgih] }");
    expect(problemsOf(typo)[0]).toMatchObject({
      path: "policy.claims[0].when.buyerRisk[0]",
      line: lineOf(typo, "[hgih]"),
    });
  });
});
