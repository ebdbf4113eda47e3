// Mutation testing of the fulfilment engine: `npm run mutation:fulfilment`.
// Not in CI (it takes many minutes on two cores); the score is recorded in docs/testing.md.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "stryker/vitest.fulfilment.config.ts" },
  mutate: [
    "src/domain/fulfilment/**/*.ts",
    "!src/domain/fulfilment/**/*.test.ts",
    // Test data, not logic.
    "!src/domain/fulfilment/fixtures.ts",
    // The wire code (the event contract and its JSON fast paths, held to the Zod schema by
    // their own property tests) and the decision writer are not scored here.
    "!src/domain/fulfilment/contract/**",
    "!src/domain/fulfilment/output.ts",
  ],
  coverageAnalysis: "perTest",
  // Only what the tests read: the sandbox copy stays small.
  ignorePatterns: ["/web", "/dist", "/bench", "/data", "/test/e2e", "/reports", "/.stryker-tmp"],
  tempDirName: ".stryker-tmp",
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/fulfilment.html" },
  jsonReporter: { fileName: "reports/mutation/fulfilment.json" },
  thresholds: { high: 90, low: 85, break: null },
  // Later runs test again only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: "reports/mutation/fulfilment-incremental.json",
};
