/**
 * An open-loop load: request i is due at `i / rate` seconds after the start and is sent then,
 * whatever became of the earlier ones; its latency runs from the instant it was due, so a server
 * that falls behind is charged for the wait of every request behind it (no coordinated omission).
 *
 * Why not autocannon's `overallRate`: it gives each connection a quota per second, and each
 * connection spends its quota as fast as the answers come (a closed loop) then waits for the next
 * second. That is a burst at full speed followed by silence: its latencies are the closed loop's,
 * not those of traffic arriving steadily at that rate.
 *
 * Requests go through a keep-alive agent of `connections` sockets; past them they queue in the
 * agent (and are charged for it). The timer ticks every millisecond and sends whatever fell due.
 */
import http from "node:http";

export interface OpenLoopRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface OpenLoopResult {
  sent: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
}

export function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  connections: number;
  request: (i: number) => OpenLoopRequest;
}): Promise<OpenLoopResult> {
  const { rate, seconds, connections, request } = options;
  const { hostname, port } = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const total = Math.max(1, Math.floor(rate * seconds));
  const latency = new Float64Array(total);
  let sent = 0;
  let done = 0;
  let errors = 0;
  let non2xx = 0;
  const t0 = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      if (++done < total) return;
      clearInterval(timer);
      agent.destroy();
      const elapsed = (performance.now() - t0) / 1000;
      const sorted = Array.from(latency).sort((a, b) => a - b);
      const q = (p: number) => round(sorted[Math.min(total - 1, Math.floor(p * total))]!);
      resolve({
        sent: total,
        rps: total / elapsed,
        p50: q(0.5),
        p90: q(0.9),
        p99: q(0.99),
        max: round(sorted[total - 1]!),
        errors,
        non2xx,
      });
    };
    const send = (i: number) => {
      const due = t0 + (i * 1000) / rate;
      const { method, path, headers, body } = request(i);
      const req = http.request(
        {
          host: hostname,
          port,
          method,
          path,
          agent,
          headers: { ...headers, "content-length": Buffer.byteLength(body) },
        },
        (res) => {
          if (res.statusCode === undefined || res.statusCode < 200 || res.statusCode >= 300)
            non2xx++;
          res.resume();
          res.on("end", () => {
            latency[i] = performance.now() - due;
            finish();
          });
        },
      );
      req.on("error", () => {
        errors++;
        latency[i] = performance.now() - due;
        finish();
      });
      req.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - t0) * rate) / 1000) + 1);
      while (sent < due) send(sent++);
    };
    const timer = setInterval(tick, 1);
    tick();
  });
}

/** Milliseconds to a tenth. */
const round = (ms: number) => Math.round(ms * 10) / 10;
