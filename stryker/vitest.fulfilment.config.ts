/**
 * The tests that judge `src/domain/fulfilment` under mutation (stryker/fulfilment.config.mjs):
 * the folder's own (the fast paths' tests among them: they also check refusals against the
 * state). Tests that reach the engine only through a built `gala` process, a server or a
 * database cannot see a mutant, so they are left out.
 */
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/domain/fulfilment/**/*.test.ts"],
    testTimeout: 30_000,
    env: { GALA_MUTATION: "1" },
    setupFiles: ["stryker/fast-check-setup.ts"],
  },
});
