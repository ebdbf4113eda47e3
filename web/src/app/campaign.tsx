/**
 * The campaign the console is working on. The server may hold several; the console shows the
 * one chosen here — the user's last choice in this browser, else the one running by the
 * server's clock (`campaign-choice.ts`) — and every page reads it from this context. Times are
 * shown in the chosen campaign's zone.
 */
import { createContext, Fragment, type ReactNode, useContext, useState } from "react";
import { syncServerClock } from "../components/countdown.js";
import { ErrorBox, Loading } from "../components/states.js";
import { useI18n } from "../i18n/index.js";
import { api } from "../lib/api.js";
import { chooseCampaign } from "../lib/campaign-choice.js";
import { setDisplayTimeZone } from "../lib/format.js";
import { recall, remember } from "../lib/remembered.js";
import type { ApiCampaign, CampaignOverview, CampaignView } from "../lib/types.js";

import { useResource } from "../lib/use-resource.js";

interface CampaignState {
  campaign: CampaignView;
  reload: () => void;
}

const CampaignContext = createContext<CampaignState | null>(null);

const STORAGE_KEY = "gala.campaign";

export function CampaignProvider({ children }: { children: ReactNode }) {
  // The integration API's campaign view has windows and categories; the console's overview
  // adds the rules in words, the benefits and the description.
  const list = useResource(async () => {
    const { items } = await api.get<{ items: ApiCampaign[] }>("/api/v1/campaigns");
    return Promise.all(
      items.map(async (c) => ({
        ...c,
        ...(await api.get<CampaignOverview>(
          `/api/v1/campaigns/${encodeURIComponent(c.id)}/overview`,
        )),
      })),
    );
  }, []);
  const [chosenId, setChosenId] = useState(() => recall(STORAGE_KEY));
  if (list.error) return <ErrorBox error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  const now = list.data[0] ? Date.parse(list.data[0].now) : 0;
  const campaign = chooseCampaign(list.data, chosenId, now);
  if (!campaign) return <ErrorBox error={new Error("no campaign loaded")} />;
  syncServerClock(campaign.now);
  setDisplayTimeZone(campaign.timeZone);
  const choose = (id: string) => {
    remember(STORAGE_KEY, id);
    setChosenId(id);
  };
  return (
    <CampaignContext.Provider value={{ campaign, reload: list.reload }}>
      {list.data.length > 1 ? (
        <CampaignPicker campaigns={list.data} chosen={campaign.id} onChoose={choose} />
      ) : null}
      {/* Keyed by campaign: a switch remounts the page, so everything it shows is read again. */}
      <Fragment key={campaign.id}>{children}</Fragment>
    </CampaignContext.Provider>
  );
}

function CampaignPicker(props: {
  campaigns: readonly CampaignView[];
  chosen: string;
  onChoose: (id: string) => void;
}) {
  const { t, pick } = useI18n();
  return (
    <div className="campaign-picker">
      <label>
        {t("campaign.pick")}
        <select value={props.chosen} onChange={(e) => props.onChoose(e.target.value)}>
          {props.campaigns.map((c) => (
            <option key={c.id} value={c.id}>
              {pick(c.name)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

export function useCampaign(): CampaignState {
  const value = useContext(CampaignContext);
  if (!value) throw new Error("useCampaign outside CampaignProvider");
  return value;
}

/**
 * A category's name in the console's language: the campaign file gives each an English label.
 * A product whose facts carry one of a category's other spellings (工作 for 办公) reads as it.
 */
export function useCategoryName(): (id: string | null | undefined) => string {
  const { campaign } = useCampaign();
  const { lang } = useI18n();
  return (id) => {
    if (!id) return "—";
    const category = campaign.categories.find((c) => c.id === id || c.aliases?.includes(id));
    if (!category) return id;
    return lang === "en" ? category.en : category.id;
  };
}

export function campaignPath(campaign: CampaignView, rest = ""): string {
  return `/api/v1/campaigns/${encodeURIComponent(campaign.id)}${rest}`;
}
