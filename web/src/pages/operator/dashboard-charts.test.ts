import { describe, expect, it } from "vitest";
import type { Dashboard } from "../../lib/types.js";
import { approvalsOption, ordersOption, violationsOption } from "./dashboard-charts.js";

/** Hue in degrees (0–360) of a #rrggbb colour. */
function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  if (d === 0) return 0;
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}
const isRed = (hex: string) => hue(hex) >= 340 || hue(hex) <= 20;

const d = {
  approvalsByDay: [{ day: "2024-02-09", approved: 4, rejected: 1 }],
  ordersByDay: [{ day: "2024-02-09", orders: 10, shippedOnTime: 7, shippedLate: 2 }],
  violationsByKind: [
    { kind: "late_shipment", count: 3 },
    { kind: "fake_tracking", count: 1 },
    { kind: "out_of_stock", count: 2 },
  ],
} as Dashboard;

/** The colour a series is drawn in: its own, or the option's palette by position. */
function seriesColours(option: ReturnType<typeof ordersOption>): Record<string, string> {
  const palette = option.color as string[];
  const series = option.series as { name: string; itemStyle?: { color?: string } }[];
  return Object.fromEntries(
    series.map((s, i) => [s.name, s.itemStyle?.color ?? palette[i % palette.length]!]),
  );
}

describe("dashboard chart colours", () => {
  it("draws late shipments red, on-time green and orders in a neutral blue", () => {
    const colours = seriesColours(ordersOption(d, { orders: "o", onTime: "t", late: "l" }));
    expect(isRed(colours.l!)).toBe(true);
    expect(hue(colours.t!)).toBeGreaterThan(80);
    expect(hue(colours.t!)).toBeLessThan(160);
    expect(hue(colours.o!)).toBeGreaterThan(190);
    expect(hue(colours.o!)).toBeLessThan(250);
  });

  it("draws approvals green and rejections at review red", () => {
    const colours = seriesColours(approvalsOption(d, { approved: "a", rejected: "r" }));
    expect(hue(colours.a!)).toBeGreaterThan(80);
    expect(hue(colours.a!)).toBeLessThan(160);
    expect(isRed(colours.r!)).toBe(true);
  });

  it("draws every violation kind in a red tone", () => {
    const option = violationsOption(d, (k) => k);
    const palette = option.color as string[];
    const shown = d.violationsByKind.map((_, i) => palette[i % palette.length]!);
    expect(shown.every(isRed), shown.join(" ")).toBe(true);
    expect(new Set(shown).size).toBe(shown.length); // still tell the kinds apart
  });
});
