/** `gala campaign show FILE` and `gala campaign validate FILE`. */
import type { Command } from "commander";
import { readCampaignFile } from "../../app/campaign-file.js";
import type { Campaign } from "../../domain/campaign/model.js";
import { renderCampaign } from "../campaign-table.js";
import { reportCannotRun } from "../cannot-run.js";

export function registerCampaignCommands(program: Command): void {
  const campaign = program.command("campaign").description("inspect campaign files (活动文件)");

  campaign
    .command("show")
    .description("print the campaign's windows, categories and every rule, in Chinese and English")
    .argument("<file>", "campaign YAML file")
    .option("--json", "print the loaded campaign as JSON instead of a table")
    .action(async (file: string, options: { json?: boolean }) => {
      const loaded = await loadOrExit(file);
      process.stdout.write(
        options.json
          ? `${JSON.stringify(loaded, null, 2)}\n`
          : renderCampaign(loaded, process.stdout.columns ?? 120),
      );
    });

  campaign
    .command("validate")
    .description("check a campaign file; exit 0 when valid, 2 with every problem otherwise")
    .argument("<file>", "campaign YAML file")
    .action(async (file: string) => {
      const loaded = await loadOrExit(file);
      process.stdout.write(
        `${file}: valid — ${loaded.id}, ${loaded.rules.length} rules, version ${loaded.hash.slice(0, 12)}\n`,
      );
    });
}

async function loadOrExit(file: string): Promise<Campaign> {
  try {
    return await readCampaignFile(file);
  } catch (error) {
    process.exit(reportCannotRun("gala", process.stderr, error));
  }
}
