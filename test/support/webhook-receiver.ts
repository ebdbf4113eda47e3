/**
 * A webhook receiver for tests: a small HTTP server on 127.0.0.1 that checks each request's
 * signature as docs/webhooks.md tells receivers to, records it, and answers what the test says
 * (2xx to acknowledge; anything else, or a closed port, to make the sender retry).
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySignature } from "../../src/domain/webhooks/signature.js";

export interface Received {
  id: string;
  seq: number;
  campaignId: string;
  type: string;
  attempt: number;
  /** The request's `Authorization` header, if any. */
  authorization: string | undefined;
  /** What this receiver answered. */
  status: number;
  signatureOk: boolean;
  // biome-ignore lint/suspicious/noExplicitAny: payloads are read loosely
  body: any;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Acknowledged deliveries (2xx), in arrival order. */
  acknowledged(): Received[];
  /** The status for the next requests (200 by default); a function decides per request. */
  answer(status: number | ((r: Omit<Received, "status">) => number)): void;
  /** Hold each answer this long (a slow receiver). */
  delay(ms: number): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export async function startReceiver(secret: string, port = 0): Promise<Receiver> {
  const received: Received[] = [];
  let answer: number | ((r: Omit<Received, "status">) => number) = 200;
  let delayMs = 0;
  const server: Server = createServer(async (req, res) => {
    const text = await readBody(req);
    const header = req.headers["gala-signature"];
    const verdict = verifySignature(
      typeof header === "string" ? header : undefined,
      secret,
      text,
      Math.floor(Date.now() / 1000),
    );
    const body = JSON.parse(text);
    const r = {
      id: String(req.headers["gala-delivery-id"]),
      seq: body.seq,
      campaignId: body.campaignId,
      type: body.type,
      attempt: Number(req.headers["gala-attempt"]),
      authorization: req.headers.authorization,
      signatureOk: verdict.ok && body.id === req.headers["gala-delivery-id"],
      body,
    };
    const status = typeof answer === "function" ? answer(r) : answer;
    received.push({ ...r, status });
    if (delayMs > 0) await new Promise((done) => setTimeout(done, delayMs));
    res.writeHead(status, { "content-type": "text/plain" }).end(status < 300 ? "ok" : "no");
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/hooks/gala`,
    received,
    acknowledged: () => received.filter((r) => r.status >= 200 && r.status < 300),
    answer: (s) => {
      answer = s;
    },
    delay: (ms) => {
      delayMs = ms;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
