/**
 * "Cannot run at all" (docs/interfaces.md, "Command line": exit 2): an unreadable or invalid campaign file, an input
 * that cannot be opened. The message goes to stderr as one paragraph, after the command's name.
 */
import { CampaignFileError } from "../domain/campaign/problems.js";
import { EXIT_CANNOT_RUN } from "./exit-codes.js";

/** The command cannot run; the message says why and how to fix it. */
export class CannotRun extends Error {}

/**
 * A `CannotRun` or a `CampaignFileError` as `<command>: message` on stderr, answering exit 2;
 * any other error is thrown on.
 */
export function reportCannotRun(
  command: string,
  stderr: { write(text: string): unknown },
  error: unknown,
): typeof EXIT_CANNOT_RUN {
  if (!(error instanceof CannotRun || error instanceof CampaignFileError)) throw error;
  stderr.write(`${command}: ${error.message}\n`);
  return EXIT_CANNOT_RUN;
}
