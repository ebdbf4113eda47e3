/// <reference lib="dom" />
/**
 * axe-core in the page under test: every rule, and the violations that matter kept (serious and
 * critical; the bar is none of them on any page, in either language).
 */
import axe from "axe-core";
import type { Page } from "playwright-core";

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<A11yViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  // Evaluated through the browser's protocol, not added as an inline script: the console's
  // Content Security Policy refuses inline scripts, as it should.
  if (!loaded) await page.evaluate(axe.source);
  const results = await page.evaluate(async () => {
    const run = (window as unknown as { axe: typeof axe }).axe.run;
    const r = await run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "",
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}
