import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { depositOf, ledgerTotals, runningBalances } from "./ledger.js";

const TYPES = ["claim.paid", "claim.held", "claim.declined", "claim.reversed", "claim.withdrawn"];

const line = fc.record({
  type: fc.constantFrom(...TYPES),
  amountFen: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
});

describe("ledger", () => {
  it("balance = deposit − paid + reversed, and the last running balance agrees", () => {
    fc.assert(
      fc.property(fc.array(line), fc.integer({ min: 0, max: 100_000_000 }), (lines, deposit) => {
        const counts = TYPES.map((type) => {
          const of = lines.filter((l) => l.type === type);
          return {
            type,
            count: of.length,
            amountFen: of.reduce((s, l) => s + (l.amountFen ?? 0), 0),
          };
        });
        const totals = ledgerTotals(counts, 0, deposit);
        const paid = lines.filter((l) => l.type === "claim.paid");
        const reversed = lines.filter((l) => l.type === "claim.reversed");
        const sum = (ls: typeof lines) => ls.reduce((s, l) => s + (l.amountFen ?? 0), 0);
        expect(totals.balanceFen).toBe(deposit - sum(paid) + sum(reversed));
        expect(totals.paidCount).toBe(paid.length);
        const running = runningBalances(deposit, lines);
        expect(running.at(-1) ?? deposit).toBe(totals.balanceFen);
        for (const b of running) expect(Number.isInteger(b)).toBe(true);
      }),
    );
  });

  it("knows no balance without a deposit", () => {
    expect(ledgerTotals([{ type: "claim.paid", count: 1, amountFen: 500 }], 0, null)).toMatchObject(
      { paidFen: 500, netPaidFen: 500, balanceFen: null },
    );
    expect(runningBalances(null, [{ type: "claim.paid", amountFen: 5 }])).toEqual([null]);
  });

  it("takes only an integer deposit fact", () => {
    expect(depositOf({ depositFen: 300_000 })).toBe(300_000);
    expect(depositOf({ depositFen: "300000" })).toBeNull();
    expect(depositOf({ depositFen: 1.5 })).toBeNull();
    expect(depositOf({})).toBeNull();
    expect(depositOf(null)).toBeNull();
  });
});
