import { impliedTable } from "../campaign/claim-table.js";
import type { Campaign, Policy } from "../campaign/model.js";
import { ReplaySession } from "./replay-session.js";

/**
 * A campaign built in code with the reference campaign's windows and §5 policy defaults, so the
 * engine's tests do not depend on the YAML loader. `policy` overrides one section at a time.
 */
export const ACTIVITY_START = Date.parse("2024-02-09T00:00:00+08:00");
export const ACTIVITY_END = Date.parse("2024-02-16T23:59:59+08:00");

const COMPENSATION = {
  rateBasisPoints: 500,
  minFen: 500,
  maxFen: 10_000,
  holdForBuyerRisk: ["high"],
};

export const DEFAULT_POLICY: Policy = {
  lateness: 0,
  instantRefund: { kinds: ["refund_only"], maxAmountFen: 30_000, window: "activity" },
  shipping: {
    defaultGuaranteeHours: 48,
    allowedGuaranteeHours: [24, 48],
    exceptionReportAllowed: false,
  },
  falseShipment: { pickupWithinHours: 24 },
  compensation: COMPENSATION,
  claims: impliedTable(COMPENSATION),
  traffic: { weightSteps: [0.5, 0.25], delistAtViolations: 3 },
  exit: { maxViolations: 10 },
  pickupRate: { windowDays: 30, pickupWithinHours: 48 },
  review: { slaHours: 72 },
  appeals: { windowDays: 7, slaHours: 48 },
};

export function testCampaign(policy: Partial<Policy> = {}): Campaign {
  const zone = "Asia/Shanghai";
  return {
    id: "fulfilment-test",
    hash: "test",
    name: { zh: "测试活动", en: "Test campaign" },
    timeZone: zone,
    windows: {
      registration: {
        start: Date.parse("2024-01-09T00:00:00+08:00"),
        end: ACTIVITY_END,
        declared: { start: "2024-01-09 00:00:00", end: "2024-02-16 23:59:59", timeZone: zone },
      },
      activity: {
        start: ACTIVITY_START,
        end: ACTIVITY_END,
        declared: { start: "2024-02-09 00:00:00", end: "2024-02-16 23:59:59", timeZone: zone },
      },
    },
    categories: [],
    freeShippingExclusions: [],
    benefits: [],
    rules: [],
    policy: {
      ...DEFAULT_POLICY,
      ...policy,
      // As a campaign file without a claim table: the one its compensation implies.
      claims:
        policy.claims ??
        (policy.compensation ? impliedTable(policy.compensation) : DEFAULT_POLICY.claims),
    },
  };
}

/** Replays events (objects with ISO `at` strings) and returns the output lines, parsed. */
export function replayEvents(
  campaign: Campaign,
  events: readonly object[],
): Array<Record<string, unknown>> {
  const session = new ReplaySession(campaign);
  let out = "";
  events.forEach((event, i) => {
    out += session.line(JSON.stringify(event), i + 1);
  });
  out += session.finish();
  return out
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
