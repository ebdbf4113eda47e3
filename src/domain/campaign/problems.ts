/** A problem in a campaign file: where it is, what is wrong, and how to fix it. */
export interface CampaignProblem {
  /** File name (or another label for text that came from elsewhere, e.g. an API upload). */
  source: string;
  /** 1-based line in the file, when the place could be found. */
  line?: number;
  /** Dotted path inside the document, e.g. `rules[3].check.value`. */
  path: string;
  message: string;
  fix: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    out += typeof key === "number" ? `[${key}]` : out === "" ? String(key) : `.${String(key)}`;
  }
  return out || "(top level)";
}

export function describeProblem(problem: CampaignProblem): string {
  const where = problem.line ? `${problem.source}:${problem.line}` : problem.source;
  return `${where}: at ${problem.path}: ${problem.message}. Fix: ${problem.fix}`;
}

/** Thrown by the file adapter when a campaign cannot be loaded; `message` is the whole story. */
export class CampaignFileError extends Error {
  constructor(
    readonly problems: readonly CampaignProblem[],
    readonly source: string,
  ) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(
      `Campaign file ${source} cannot be used (${count}): ${problems.map(describeProblem).join("; ")}`,
    );
    this.name = "CampaignFileError";
  }
}
