/**
 * The reads benchmark's peers, on the same framework, in their own process:
 * - `GET /hello`: hello world, as bench:events' peer answers it (no auth, no storage);
 * - `GET /page`: the bytes of a venue page read from the server before the runs, answered as
 *   they are with the venue's content type: what any route answering that page costs, and what
 *   the load generator spends reading it, with no work behind it;
 * - `GET /page-gzip`: the same bytes gzipped once, answered with `Content-Encoding: gzip`.
 * Usage: node peer.js PAGE_FILE
 */
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import Fastify from "fastify";

const page = readFileSync(process.argv[2]!);
const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
app.get("/page", (_request, reply) => {
  reply.type("application/json; charset=utf-8").send(page);
});
const gzipped = gzipSync(page);
app.get("/page-gzip", (_request, reply) => {
  reply.type("application/json; charset=utf-8").header("content-encoding", "gzip").send(gzipped);
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
