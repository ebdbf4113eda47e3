/**
 * The console's build. `npm install` runs it (via `npm run build`) so a clean clone serves the
 * console with no extra step; `gala serve` serves the output folder `dist/web` at `/`.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// Resolved from this file rather than the working directory, so the build runs from anywhere.
const here = new URL(".", import.meta.url).pathname;
const outDir = `${here}../dist/web`;

/**
 * Brotli (quality 11) and gzip beside every script and stylesheet: compressed once here, served
 * as they are by `gala serve` (`preCompressed`), so no request pays for the best compression.
 */
function precompress(): Plugin {
  return {
    name: "gala-precompress",
    apply: "build",
    writeBundle() {
      const assets = join(outDir, "assets");
      for (const name of readdirSync(assets)) {
        if (!/\.(js|css|svg)$/.test(name)) continue;
        const body = readFileSync(join(assets, name));
        const br = brotliCompressSync(body, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          },
        });
        writeFileSync(join(assets, `${name}.br`), br);
        writeFileSync(join(assets, `${name}.gz`), gzipSync(body, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react(), precompress()],
  build: {
    outDir,
    emptyOutDir: true,
  },
  server: {
    // `npm run dev:web` against a running `gala serve` on the default port.
    proxy: { "/api": "http://127.0.0.1:8080", "/healthz": "http://127.0.0.1:8080" },
  },
});
