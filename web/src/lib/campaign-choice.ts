/**
 * Which campaign the console works on when the server holds several: the one the user chose
 * last (remembered in this browser), or else the one running now — the campaign whose activity
 * most recently started at or before the server's clock, as the server routes channel events —
 * or, before every activity, the earliest. Pure: the caller passes the list, the stored choice
 * and the server's instant.
 */

interface Choosable {
  id: string;
  windows: { activity: { start: string } };
}

export function defaultCampaign<T extends Choosable>(
  campaigns: readonly T[],
  now: number,
): T | undefined {
  let current: T | undefined;
  let earliest: T | undefined;
  for (const campaign of campaigns) {
    const start = Date.parse(campaign.windows.activity.start);
    if (earliest === undefined || start < Date.parse(earliest.windows.activity.start)) {
      earliest = campaign;
    }
    if (
      start <= now &&
      (current === undefined || start > Date.parse(current.windows.activity.start))
    ) {
      current = campaign;
    }
  }
  return current ?? earliest;
}

/** The stored choice while the server still holds it; the default otherwise. */
export function chooseCampaign<T extends Choosable>(
  campaigns: readonly T[],
  storedId: string | null,
  now: number,
): T | undefined {
  return campaigns.find((c) => c.id === storedId) ?? defaultCampaign(campaigns, now);
}
