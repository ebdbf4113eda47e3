/**
 * The tests that judge `src/domain/eligibility` under mutation (stryker/eligibility.config.mjs):
 * the engine's own and the fact schema's. Tests that reach the engine only through a built
 * `gala` process or a server cannot see a mutant, so they are left out.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/domain/eligibility/**/*.test.ts", "src/domain/facts/**/*.test.ts"],
    testTimeout: 30_000,
    env: { GALA_MUTATION: "1" },
    setupFiles: ["stryker/fast-check-setup.ts"],
  },
});
