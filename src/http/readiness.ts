/**
 * Readiness for a load balancer (`GET /readyz`): 200 while the store takes writes, 503 with the
 * reason while it does not. `/healthz` stays a liveness check (the process answers), so a
 * supervisor does not restart a server whose database is the problem.
 *
 * The probe (store/probe.ts) sees a read-only or unreachable database. A full disk it cannot
 * see without writing, so a request that failed for want of space keeps the server unready for
 * `fullHoldMs`; after that it is tried again, and the next failing write holds it again.
 */
import type { FastifyBaseLogger } from "fastify";
import type { StoreFailure, StoreFailureCode } from "../store/failure.js";
import type { Store } from "../store/open.js";
import { writeProblem } from "../store/probe.js";

export const STORE_FAILURE_MESSAGES: Readonly<Record<StoreFailureCode, string>> = {
  store_read_only:
    "the database is read-only, so nothing was written: try again once it is writable again (see the server's log)",
  store_full:
    "the database's disk is full, so nothing was written: try again once space is freed (see the server's log)",
  store_unavailable:
    "the database cannot be reached or read right now: try again shortly (see the server's log)",
};

export type Readiness =
  | { ready: true; store: Store["dialect"] }
  | {
      ready: false;
      store: Store["dialect"];
      error: { code: StoreFailureCode; message: string };
    };

export class StoreReadiness {
  private full: { at: number; cause: string } | undefined;
  private lastProblem: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly log: FastifyBaseLogger,
    private readonly now: () => number = () => performance.now(),
    private readonly fullHoldMs = 30_000,
  ) {}

  /** A request failed because the store refused it (errors.ts). */
  failed(failure: StoreFailure): void {
    if (failure.code === "store_full") this.full = { at: this.now(), cause: failure.cause };
  }

  async check(): Promise<Readiness> {
    let problem = await writeProblem(this.store);
    if (!problem && this.full && this.now() - this.full.at < this.fullHoldMs) {
      problem = { code: "store_full", cause: this.full.cause };
    }
    this.logChange(problem);
    if (!problem) return { ready: true, store: this.store.dialect };
    return {
      ready: false,
      store: this.store.dialect,
      error: { code: problem.code, message: STORE_FAILURE_MESSAGES[problem.code] },
    };
  }

  /** One log line when readiness changes, not one per probe. */
  private logChange(problem: StoreFailure | undefined): void {
    const key = problem && `${problem.code}: ${problem.cause}`;
    if (key === this.lastProblem) return;
    this.lastProblem = key;
    if (problem) {
      this.log.error(
        { store: { code: problem.code, cause: problem.cause } },
        "not ready: the store cannot take writes",
      );
    } else this.log.info("ready: the store takes writes");
  }
}
