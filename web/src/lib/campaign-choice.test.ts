import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseCampaign, defaultCampaign } from "./campaign-choice.js";

const campaign = (id: string, start: string) => ({ id, windows: { activity: { start } } });
const spring = campaign("spring", "2024-02-09T00:00:00+08:00");
const summer = campaign("summer", "2024-06-18T00:00:00+08:00");
const autumn = campaign("autumn", "2024-11-11T00:00:00-05:00");
const all = [summer, autumn, spring];

describe("defaultCampaign", () => {
  it("takes the campaign whose activity most recently started, whatever the list's order", () => {
    expect(defaultCampaign(all, Date.parse("2024-07-01T00:00:00Z"))?.id).toBe("summer");
    expect(defaultCampaign(all, Date.parse("2025-01-01T00:00:00Z"))?.id).toBe("autumn");
  });

  it("counts a start to the instant, in the start's own offset", () => {
    const start = Date.parse("2024-11-11T00:00:00-05:00");
    expect(defaultCampaign(all, start)?.id).toBe("autumn");
    expect(defaultCampaign(all, start - 1)?.id).toBe("summer");
  });

  it("takes the earliest before every activity, and nothing from an empty list", () => {
    expect(defaultCampaign(all, Date.parse("2023-01-01T00:00:00Z"))?.id).toBe("spring");
    expect(defaultCampaign([], 0)).toBeUndefined();
  });

  it("never depends on the order of the list", () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(all, { minLength: 1 }),
        fc.integer({ min: Date.parse("2023-01-01"), max: Date.parse("2026-01-01") }),
        (list, now) => {
          const reversed = [...list].reverse();
          expect(defaultCampaign(reversed, now)).toBe(defaultCampaign(list, now));
        },
      ),
    );
  });
});

describe("chooseCampaign", () => {
  const now = Date.parse("2024-07-01T00:00:00Z");
  it("keeps the user's choice while the server holds that campaign", () => {
    expect(chooseCampaign(all, "spring", now)?.id).toBe("spring");
  });
  it("falls back to the default for no choice or a campaign no longer there", () => {
    expect(chooseCampaign(all, null, now)?.id).toBe("summer");
    expect(chooseCampaign(all, "gone", now)?.id).toBe("summer");
  });
});
