/**
 * The server's "now" for countdowns, re-read from the server while a page is open. Ship-by
 * deadlines are the server's: under `gala serve --clock … --clock-speed X` (rehearsals, tests)
 * the server's clock is not the browser's and does not even run at its pace, so the offset the
 * console learned at start-up goes stale; this page refreshes it every minute.
 */
import { useEffect, useState } from "react";
import { serverNow, syncServerClock } from "../components/countdown.js";
import { api } from "./api.js";

export function useServerNow(campaignId: string, everyMs = 60_000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    let live = true;
    const sync = () =>
      api.get<{ now: string }>(`/api/v1/campaigns/${encodeURIComponent(campaignId)}`).then(
        (c) => {
          syncServerClock(c.now);
          if (live) setNow(serverNow());
        },
        // Offline for a moment: keep counting from the last known offset.
        () => live && setNow(serverNow()),
      );
    void sync();
    const timer = setInterval(sync, everyMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [campaignId, everyMs]);
  return now;
}
