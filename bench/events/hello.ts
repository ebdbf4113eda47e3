/**
 * The peers for the HTTP benchmark, on the same framework, in their own process:
 * - `GET /hello`: hello world, the target's peer (no body, no auth, no storage);
 * - `POST /echo`: the refund request's body parsed by Fastify's JSON parser, answered with a count:
 *   what any handler of that request costs before it does anything;
 * - `POST /durable`: that, plus each event inserted into SQLite (the server's pragmas, a unique
 *   event id) with the server's group commit, answered after the commit: the least a durable
 *   event endpoint can do. No auth, validation, engine, order state or decisions.
 * Usage: node hello.js DB_PATH
 */
import SQLite from "better-sqlite3";
import Fastify from "fastify";
import { applyPragmas } from "../../src/store/sqlite-statements.js";

const db = new SQLite(process.argv[2] ?? ":memory:");
applyPragmas(db);
db.exec("create table if not exists events (event_id text primary key, at text, body text)");
const insert = db.prepare("insert or ignore into events values (?, ?, ?)");
type Raw = { id: string; at: string };
const commit = db.transaction((batches: Raw[][]) => {
  for (const events of batches) for (const e of events) insert.run(e.id, e.at, JSON.stringify(e));
});

// Requests read in one turn of the event loop share one commit, as in the server's queue.
let waiting: Array<{ events: Raw[]; done: () => void }> = [];
function durably(events: Raw[]): Promise<void> {
  return new Promise((done) => {
    if (waiting.length === 0) {
      setImmediate(() => {
        const taken = waiting;
        waiting = [];
        commit(taken.map((w) => w.events));
        for (const w of taken) w.done();
      });
    }
    waiting.push({ events, done });
  });
}

const app = Fastify({ logger: false });
app.get("/hello", async () => ({ hello: "world" }));
app.post("/echo", async (request) => ({ accepted: (request.body as Raw[]).length }));
app.post("/durable", async (request) => {
  const events = request.body as Raw[];
  await durably(events);
  return { accepted: events.length };
});
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
