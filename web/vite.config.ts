/**
 * The console's build. `npm install` runs it (via `npm run build`) so a clean clone serves the
 * console with no extra step; `gala serve` serves the output folder `dist/web` at `/`.
 */
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Resolved from this file rather than the working directory, so the build runs from anywhere.
const here = new URL(".", import.meta.url).pathname;

export default defineConfig({
  root: here,
  base: "/",
  plugins: [react()],
  build: {
    outDir: `${here}../dist/web`,
    emptyOutDir: true,
    // ECharts alone is ~1 MB before gzip; it is loaded lazily by the dashboard only.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev:web` against a running `gala serve` on the default port.
    proxy: { "/api": "http://127.0.0.1:8080", "/healthz": "http://127.0.0.1:8080" },
  },
});
