/** Renders a campaign for people: header facts, then every rule as a bilingual table row. */
import Table from "cli-table3";
import type { Campaign, Category, Check, Window } from "../domain/campaign/model.js";
import { OPERATORS } from "../domain/eligibility/operators/index.js";

export function renderCampaign(campaign: Campaign, width: number): string {
  const lines = [
    campaign.name.zh,
    campaign.name.en,
    `id: ${campaign.id}    version (sha-256): ${campaign.hash}`,
    `报名 Registration: ${windowText(campaign.windows.registration)}`,
    `活动 Activity:     ${windowText(campaign.windows.activity)}`,
    `类目 Categories (${campaign.categories.length}; 括号内为同样匹配的写法 other spellings that match in brackets): ${campaign.categories.map(categoryText).join("、")}`,
    `不包邮地区 Free-shipping exclusions: ${campaign.freeShippingExclusions.join(", ")}`,
    "",
  ];
  const wide = Math.max(width, 110);
  const checkWidth = 34;
  const table = new Table({
    head: ["规则 rule", "条款", "要求 requirement", "检查 check"],
    colWidths: [36, 9, wide - 36 - 9 - checkWidth - 5, checkWidth],
    wordWrap: true,
    wrapOnWordBoundary: true,
    style: { head: [], border: [] },
  });
  for (const rule of campaign.rules) {
    table.push([
      rule.code,
      rule.clause,
      `${rule.title.zh}\n${rule.title.en}`,
      rule.checks.map(checkText).join("\n"),
    ]);
  }
  return `${lines.join("\n")}${table.toString()}\n`;
}

function categoryText(category: Category): string {
  return category.aliases.length === 0
    ? category.id
    : `${category.id}（${category.aliases.join("、")}）`;
}

function windowText(window: Window): string {
  const d = window.declared;
  return `${d.start} → ${d.end} (${d.timeZone}, inclusive)`;
}

function checkText(check: Check): string {
  const required = OPERATORS[check.op].required(check);
  const list = Array.isArray(check.value) && check.value.length > 8;
  return `${check.fact} ${list ? `${check.op} (${(check.value as unknown[]).length} values)` : required}`;
}
