import { describe, expect, it } from "vitest";
import { chartSummary } from "./chart-summary.js";

describe("chartSummary", () => {
  it("reads every series at every category", () => {
    const text = chartSummary({
      xAxis: { type: "category", data: ["02-09", "02-10"] },
      series: [
        { type: "bar", name: "Orders", data: [12, 30] },
        { type: "bar", name: "Late", data: [1, 0] },
      ],
    });
    expect(text).toBe("Orders: 02-09 12, 02-10 30; Late: 02-09 1, 02-10 0");
  });

  it("reads pie and funnel slices by name, and a missing value as a dash", () => {
    expect(
      chartSummary({
        series: [
          {
            type: "funnel",
            data: [
              { name: "Submitted", value: 40 },
              { name: "Approved", value: 31 },
            ],
          },
        ],
      }),
    ).toBe("Submitted 40, Approved 31");
    expect(
      chartSummary(
        {
          xAxis: { type: "category", data: ["02-09", "02-10"] },
          series: [{ type: "line", name: "Rate", data: [0.9, null] }],
        },
        (v) => `${Math.round(v * 100)}%`,
      ),
    ).toBe("Rate: 02-09 90%, 02-10 —");
  });
});
