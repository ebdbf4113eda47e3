/**
 * What `gala check` does with each understood line: write its decision, add it to a summary, or
 * compare two campaigns on it. Bad lines are counted in every mode; in the streaming mode each
 * gets its error line in place, in the others the first few are kept in the result.
 */

import { ByteWriter, utf8 } from "../../domain/eligibility/byte-writer.js";
import type { Eligibility, EligibilitySummary } from "../../domain/eligibility/index.js";
import { createComparison, createSummary } from "../../domain/eligibility/index.js";
import { errorLine, isLineError, type LineError, parseCheckLine } from "./line.js";
import type { LoadedCampaign } from "./run.js";

export interface Mode {
  /** True when lines are written as they come; false when one object is written at the end. */
  streams: boolean;
  /** Where a streaming mode writes its lines as UTF-8 (see `processJsonl`'s `bytes`). */
  bytes?: ByteWriter;
  onLine(text: string, line: number): string | undefined;
  onError(line: number, error: LineError): string | undefined;
  badLines(): number;
  result(): unknown;
}

/** How many bad lines a summary quotes; the count covers them all. */
const ERRORS_KEPT = 20;

const NEWLINE = utf8("\n");

/**
 * One decision line per input line, written straight to bytes: most of a decision is the fixed
 * text of its failures, encoded once by the engine (`evaluateInto`).
 */
export function decisionsMode(engine: Eligibility): Mode {
  let bad = 0;
  const bytes = new ByteWriter();
  const onError = (line: number, error: LineError) => {
    bad++;
    return errorLine(line, error);
  };
  return {
    streams: true,
    bytes,
    onLine(text, line) {
      const input = parseCheckLine(text);
      if (isLineError(input)) return onError(line, input);
      engine.evaluateInto(bytes, input.merchant, input.products);
      bytes.bytes(NEWLINE);
      return undefined;
    },
    onError,
    badLines: () => bad,
    result: () => undefined,
  };
}

function collectingErrors() {
  let count = 0;
  const kept: { line: number; error: LineError }[] = [];
  return {
    onError(line: number, error: LineError): undefined {
      count++;
      if (kept.length < ERRORS_KEPT) kept.push({ line, error });
    },
    count: () => count,
    kept,
  };
}

const describe = (c: LoadedCampaign) => ({ campaignId: c.campaign.id, file: c.file });

export function summaryMode(base: LoadedCampaign): Mode {
  const errors = collectingErrors();
  const tally = createSummary(base.engine.campaign, base.engine.rules);
  return {
    streams: false,
    onLine(text, line) {
      const input = parseCheckLine(text);
      if (isLineError(input)) return errors.onError(line, input);
      tally.add(base.engine.evaluate(input.merchant, input.products));
      return undefined;
    },
    onError: errors.onError,
    badLines: errors.count,
    result: () => {
      const { campaign, ...summary } = tally.result();
      return {
        campaign,
        ...describe(base),
        ...summary,
        badLines: errors.count(),
        errors: errors.kept,
      };
    },
  };
}

export function compareMode(base: LoadedCampaign, other: LoadedCampaign): Mode {
  const errors = collectingErrors();
  const tally = createComparison(base.engine, other.engine);
  return {
    streams: false,
    onLine(text, line) {
      const input = parseCheckLine(text);
      if (isLineError(input)) return errors.onError(line, input);
      const a = base.engine.evaluate(input.merchant, input.products);
      const b = other.engine.evaluate(input.merchant, input.products);
      tally.add(a, b);
      return undefined;
    },
    onError: errors.onError,
    badLines: errors.count,
    result: () => {
      const { base: baseSummary, other: otherSummary, merchants, products } = tally.result();
      const side = (c: LoadedCampaign, { campaign, ...summary }: EligibilitySummary) => ({
        campaign,
        ...describe(c),
        ...summary,
      });
      return {
        base: side(base, baseSummary),
        other: side(other, otherSummary),
        merchants,
        products,
        badLines: errors.count(),
        errors: errors.kept,
      };
    },
  };
}
