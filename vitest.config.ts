import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    testTimeout: 30_000,
    // Compiled campaigns (src/app/campaign-cache.ts) from tests, and the `gala` processes they
    // start, go to a directory of this run, not the user's cache.
    env: { GALA_CACHE_DIR: join(tmpdir(), `gala-test-cache-${process.pid}`) },
    hookTimeout: 60_000,
  },
});
