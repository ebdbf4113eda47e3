/** The venue resellers browse: listed products, heaviest first, with category filter and search. */
import { useCallback, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { ListCount } from "../../components/list-count.js";
import { ListStates } from "../../components/list-states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen } from "../../lib/format.js";
import type { VenueItem } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";
import { type Page, usePaged } from "../../lib/use-paged.js";
import { VenueGrid } from "./venue-grid.js";

export function VenuePage() {
  const { t, lang, pick } = useI18n();
  const { campaign } = useCampaign();
  const [category, setCategory] = useState("");
  const [search, setSearch] = useState("");
  const q = useDebounced(search.trim(), 300);
  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.get<Page<VenueItem>>(campaignPath(campaign, "/venue/browse"), {
        category,
        q,
        cursor,
        limit: 120,
      }),
    [campaign, category, q],
  );
  const list = usePaged(fetchPage, `${campaign.id}/${category}/${q}`);
  return (
    <div className="page">
      <header className="page-head venue-head">
        <div>
          <h1>{t("venue.title")}</h1>
          <p className="muted">{pick(campaign.name)}</p>
        </div>
      </header>
      <div className="venue-layout">
        <nav className="card categories" aria-label={t("product.category")}>
          <button
            type="button"
            className={category === "" ? "active" : ""}
            onClick={() => setCategory("")}
          >
            {t("filter.allCategories")}
          </button>
          {campaign.categories.map((c) => (
            <button
              key={c.id}
              type="button"
              className={category === c.id ? "active" : ""}
              aria-pressed={category === c.id}
              onClick={() => setCategory(c.id)}
            >
              {lang === "en" ? c.en : c.id}
            </button>
          ))}
        </nav>
        <section>
          <div className="toolbar">
            {/* On a phone the category list folds into a select. */}
            <select
              className="category-select"
              aria-label={t("venue.categoryPick")}
              value={category}
              onChange={(e) => setCategory(e.target.value)}
            >
              <option value="">{t("filter.allCategories")}</option>
              {campaign.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {lang === "en" ? c.en : c.id}
                </option>
              ))}
            </select>
            <input
              type="search"
              placeholder={t("venue.search")}
              aria-label={t("venue.search")}
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <ListCount list={list} />
          </div>
          <ListStates list={list} empty={t("venue.empty")} />
          {list.rows.length > 0 ? (
            <VenueGrid items={list.rows} onEndReached={list.loadMore} price={formatFen} />
          ) : null}
        </section>
      </div>
    </div>
  );
}
