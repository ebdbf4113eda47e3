/**
 * The unread count beside the inbox link in the top bar: asked every 30 seconds, and at once
 * when the inbox page marks something read (it sends `gala:inbox-read`). The top bar is outside
 * the pages' campaign context, so it picks the campaign as that context does (the browser's
 * remembered choice, else the one running now).
 */
import { useEffect, useState } from "react";
import { api } from "../../lib/api.js";
import { chooseCampaign } from "../../lib/campaign-choice.js";
import { recall } from "../../lib/remembered.js";
import type { CampaignView } from "../../lib/types.js";
import { useWords } from "./words.js";

export const INBOX_READ_EVENT = "gala:inbox-read";

/** The key `app/campaign.tsx` remembers the chosen campaign under. */
const CAMPAIGN_KEY = "gala.campaign";

export function InboxBadge({ merchantId }: { merchantId: string }) {
  const w = useWords();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    let live = true;
    let campaigns: Promise<CampaignView[]> | undefined;
    const load = async () => {
      try {
        campaigns ??= api.get<{ items: CampaignView[] }>("/api/v1/campaigns").then((r) => r.items);
        const list = await campaigns;
        const now = list[0] ? Date.parse(list[0].now) : 0;
        const campaign = chooseCampaign(list, recall(CAMPAIGN_KEY), now);
        if (!campaign) return;
        const r = await api.get<{ unread: number }>(
          `/api/v1/campaigns/${encodeURIComponent(campaign.id)}/merchants/${encodeURIComponent(merchantId)}/inbox/unread`,
        );
        if (live) setUnread(r.unread);
      } catch {
        campaigns = undefined; // try the list again next time
      }
    };
    load();
    const timer = setInterval(load, 30_000);
    window.addEventListener(INBOX_READ_EVENT, load);
    return () => {
      live = false;
      clearInterval(timer);
      window.removeEventListener(INBOX_READ_EVENT, load);
    };
  }, [merchantId]);
  if (unread === 0) return null;
  return (
    <span className="inbox-badge" data-testid="inbox-badge" title={w("inbox.badge", { n: unread })}>
      {unread > 99 ? "99+" : unread}
      <span className="sr-only">{w("inbox.badge", { n: unread })}</span>
    </span>
  );
}
