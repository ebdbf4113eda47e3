/**
 * Serves the built console (`dist/web`, made by `npm run build`) at `/`. Every file is its own
 * route (no wildcard), and one catch-all answers index.html to any other GET that is not an API
 * path, so a deep link reloads into the app while `/api/…`, `/healthz` and `/readyz` keep their
 * own JSON 404s. Hashed assets are cached for good; index.html never, so a new build shows at once.
 * Assets go out as the build's brotli or gzip file when the client takes one.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * `dist/web`: from the compiled `dist/src/http/console.js` that is `../../web`; from the source
 * (tests) it is `../../dist/web`. The source `web/index.html` is not a build: a build has assets.
 */
export function defaultConsoleDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, "../../web"), join(here, "../../dist/web")];
  const built = (dir: string) =>
    existsSync(join(dir, "index.html")) && existsSync(join(dir, "assets"));
  return candidates.find(built) ?? candidates[1]!;
}

const NOT_CONSOLE = /^\/(api|healthz|readyz|documentation)(\/|$|\?)/;

export async function installConsole(
  app: FastifyInstance,
  dir = defaultConsoleDir(),
): Promise<void> {
  if (!existsSync(join(dir, "index.html"))) {
    app.log.warn({ dir }, "console not built (run npm run build); / will say so");
    app.get("/", { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type("text/plain; charset=utf-8")
        .code(503)
        .send("Gala console is not built: run `npm run build`.\n"),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: "/",
    wildcard: false,
    index: ["index.html"],
    // `npm run build` writes `.br` and `.gz` beside every asset (web/vite.config.ts).
    preCompressed: true,
    setHeaders(reply, path) {
      const immutable = path.includes(`${join("assets", "")}`);
      reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  app.get("/*", { schema: { hide: true } }, async (request, reply) => {
    if (NOT_CONSOLE.test(request.url)) return reply.callNotFound();
    return reply.header("cache-control", "no-cache").sendFile("index.html");
  });
}
