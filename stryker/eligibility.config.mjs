// Mutation testing of the eligibility engine: `npm run mutation:eligibility`.
// Not in CI (it takes many minutes on two cores); the score is recorded in docs/testing.md.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "stryker/vitest.eligibility.config.ts" },
  mutate: [
    "src/domain/eligibility/**/*.ts",
    "!src/domain/eligibility/**/*.test.ts",
    // Test data, not logic.
    "!src/domain/eligibility/fixtures.ts",
  ],
  coverageAnalysis: "perTest",
  // Only what the tests read: the sandbox copy stays small.
  ignorePatterns: ["/web", "/dist", "/bench", "/data", "/test/e2e", "/reports", "/.stryker-tmp"],
  tempDirName: ".stryker-tmp",
  concurrency: 2,
  reporters: ["clear-text", "progress", "html", "json"],
  htmlReporter: { fileName: "reports/mutation/eligibility.html" },
  jsonReporter: { fileName: "reports/mutation/eligibility.json" },
  thresholds: { high: 90, low: 85, break: null },
  // Later runs test again only the mutants whose code or tests changed.
  incremental: true,
  incrementalFile: "reports/mutation/eligibility-incremental.json",
};
