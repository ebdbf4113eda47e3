import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appealDueAt, appealWindowEnd, decide, filingRefusal } from "./appeal.js";

const policy = { windowDays: 7, slaHours: 48 };
const DAY = 86_400_000;

describe("appeal rules", () => {
  it("opens the window at the violation and closes it windowDays later, inclusive", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 42 }),
        fc.integer({ min: 0, max: 9 * DAY }),
        (at, after) => {
          const refusal = filingRefusal(
            { kind: "late_shipment", inForce: "late_shipment", at },
            at + after,
            policy,
          );
          expect(refusal === null).toBe(after <= 7 * DAY);
          if (refusal)
            expect(refusal).toMatchObject({
              code: "appeal_window_closed",
              closedAt: appealWindowEnd(at, policy),
            });
        },
      ),
    );
  });

  it("takes only a violation in force of the kind appealed", () => {
    const other = filingRefusal(
      { kind: "late_shipment", inForce: "false_shipment", at: 0 },
      1,
      policy,
    );
    expect(other?.code).toBe("no_violation_in_force");
    expect(filingRefusal({ kind: "late_shipment", inForce: null, at: null }, 1, policy)?.code).toBe(
      "no_violation_in_force",
    );
  });

  it("is due slaHours after filing, and decided once", () => {
    expect(appealDueAt(1_000, policy)).toBe(1_000 + 48 * 3_600_000);
    expect(decide("open", "uphold")).toEqual({ ok: true, to: "upheld" });
    expect(decide("open", "dismiss")).toEqual({ ok: true, to: "dismissed" });
    for (const s of ["upheld", "dismissed"] as const) {
      expect(decide(s, "uphold")).toEqual({ ok: false, code: "appeal_already_decided" });
    }
  });
});
