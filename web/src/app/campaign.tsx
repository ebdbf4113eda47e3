/**
 * The campaign the console is working on. The server may hold several; the console shows the
 * one chosen here (the most recent by default) and every page reads it from this context.
 */
import { createContext, type ReactNode, useContext } from "react";
import { syncServerClock } from "../components/countdown.js";
import { ErrorBox, Loading } from "../components/states.js";
import { api } from "../lib/api.js";
import { setDisplayTimeZone } from "../lib/format.js";
import type { CampaignView } from "../lib/types.js";

type Overview = Pick<CampaignView, "benefits" | "rules"> & {
  description: CampaignView["description"] | null;
};

import { useResource } from "../lib/use-resource.js";

interface CampaignState {
  campaign: CampaignView;
  reload: () => void;
}

const CampaignContext = createContext<CampaignState | null>(null);

export function CampaignProvider({ children }: { children: ReactNode }) {
  // The integration API's campaign view has windows and categories; the console's overview
  // adds the rules in words, the benefits and the description.
  const list = useResource(async () => {
    const { items } = await api.get<{ items: CampaignView[] }>("/api/v1/campaigns");
    return Promise.all(
      items.map(async (c) => ({
        ...c,
        ...(await api.get<Overview>(`/api/v1/campaigns/${encodeURIComponent(c.id)}/overview`)),
      })),
    );
  }, []);
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const campaign = list.data[0];
  if (!campaign) return <ErrorBox error={new Error("no campaign loaded")} />;
  syncServerClock(campaign.now);
  setDisplayTimeZone(campaign.timeZone);
  return (
    <CampaignContext.Provider value={{ campaign, reload: list.reload }}>
      {children}
    </CampaignContext.Provider>
  );
}

export function useCampaign(): CampaignState {
  const value = useContext(CampaignContext);
  if (!value) throw new Error("useCampaign outside CampaignProvider");
  return value;
}

export function campaignPath(campaign: CampaignView, rest = ""): string {
  return `/api/v1/campaigns/${encodeURIComponent(campaign.id)}${rest}`;
}
