/** Writes one `## name` section of bench/RESULTS.md, leaving every other section as it was. */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export function writeSection(path: string, name: string, body: string): void {
  const heading = `## ${name}`;
  const section = `${heading}\n\n${body.trim()}\n`;
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# Benchmark results\n";
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.trim() === heading);
  if (start === -1) {
    writeFileSync(path, `${text.trimEnd()}\n\n${section}`);
    formatMarkdown(path);
    return;
  }
  let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
  if (end === -1) end = lines.length;
  const before = lines.slice(0, start).join("\n").trimEnd();
  const after = lines.slice(end).join("\n").trim();
  writeFileSync(path, `${before}\n\n${section}${after ? `\n${after}\n` : ""}`);
  formatMarkdown(path);
}

/** The repository's formatter aligns Markdown tables; run it so `npm test` stays green. */
function formatMarkdown(path: string): void {
  const biome = join(dirname(path), "..", "node_modules", ".bin", "biome");
  const result = spawnSync(biome, ["format", "--write", path], { stdio: "ignore" });
  if (result.status !== 0) process.stderr.write(`note: could not format ${path} with biome\n`);
}
