/** Property tests under mutation run fewer cases (see test/support/runs.ts). */
import fc from "fast-check";

fc.configureGlobal({ numRuns: 20 });
