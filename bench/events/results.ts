/** Replaces one `## name` section of bench/RESULTS.md, keeping every other section as it is. */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export function writeResultsSection(path: string, name: string, body: string): void {
  const heading = `## ${name}`;
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  const section = [heading, "", ...body.trimEnd().split("\n"), ""];
  if (start === -1) {
    const base = text.endsWith("\n") ? text : `${text}\n`;
    writeFileSync(path, `${base}\n${section.join("\n")}`);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && l.startsWith("## "));
  if (end === -1) end = lines.length;
  writeFileSync(path, [...lines.slice(0, start), ...section, ...lines.slice(end)].join("\n"));
}
