/**
 * Bulk registration from the merchant's catalogue: pick any number of products, register them at
 * once, and see for each one at once whether it went to review or every reason it did not.
 */
import { useCallback, useMemo, useState } from "react";
import { campaignPath, useCampaign, useCategoryName } from "../../app/campaign.js";
import { navigate, useLocation } from "../../app/router.js";
import { useSession } from "../../app/session.js";
import { ListCount } from "../../components/list-count.js";
import { ListStates } from "../../components/list-states.js";
import { selectColumn } from "../../components/select-column.js";
import { StateBadge } from "../../components/state-badge.js";
import { errorText } from "../../components/states.js";
import { type Column, VirtualTable } from "../../components/virtual-table.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatFen } from "../../lib/format.js";
import type { CatalogueProduct, RegisterResponse } from "../../lib/types.js";
import { useDebounced } from "../../lib/use-debounced.js";
import { type Page, usePaged } from "../../lib/use-paged.js";
import { RegisterResults } from "./register-results.js";

export function RegisterPage({ merchantId }: { merchantId: string }) {
  const { t, pick } = useI18n();
  const categoryName = useCategoryName();
  const { campaign } = useCampaign();
  // Operators see a merchant's catalogue for support calls; only the merchant registers.
  const merchantItself = useSession().me?.role === "merchant";
  // From the registrations page: the products chosen here replace one rejected at review.
  const replaces = useLocation().query.get("replaces");
  const [search, setSearch] = useState("");
  const q = useDebounced(search, 300);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<RegisterResponse>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const mid = encodeURIComponent(merchantId);

  const fetchPage = useCallback(
    (cursor: string | null) =>
      api.get<Page<CatalogueProduct>>(campaignPath(campaign, `/merchants/${mid}/catalogue`), {
        cursor,
        q,
        limit: 200,
      }),
    [campaign, mid, q],
  );
  const list = usePaged(fetchPage, `${campaign.id}/${mid}/${q}`);
  const titles = useMemo(() => new Map(list.rows.map((p) => [p.id, p.title])), [list.rows]);

  async function register() {
    setBusy(true);
    setError(undefined);
    try {
      const out = await api.post<RegisterResponse>(
        campaignPath(campaign, `/merchants/${mid}/registrations`),
        {
          products: [...selected].map((productId) =>
            replaces ? { productId, replacesProductId: replaces } : { productId },
          ),
        },
      );
      setResults(out);
      setSelected(new Set());
      list.reload();
      // Replaced (a product went to review): the next registration here is an ordinary one.
      // Still failing the rules: stay, so a fixed product registers as the replacement.
      if (replaces && out.results.some((r) => r.outcome === "pending_review")) {
        navigate(`/merchants/${mid}/register`);
      }
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const columns: Column<CatalogueProduct>[] = [
    selectColumn({
      rows: list.rows,
      selected,
      setSelected,
      id: (p) => p.id,
      label: (p) => p.title,
      allLabel: t("register.selectAll"),
      data: (p) => ({ "data-product": p.id }),
    }),
    { key: "title", width: "3fr", header: t("product.title"), render: (p) => p.title },
    { key: "id", width: "1.2fr", header: t("product.id"), render: (p) => <code>{p.id}</code> },
    {
      key: "category",
      width: "1.2fr",
      header: t("product.category"),
      render: (p) => categoryName(p.category),
    },
    {
      key: "price",
      width: "1fr",
      header: t("product.price"),
      render: (p) => (p.priceFen === null ? "—" : formatFen(p.priceFen)),
    },
    {
      key: "state",
      width: "1.2fr",
      header: t("register.currentState"),
      render: (p) =>
        p.registration ? (
          <StateBadge state={p.registration.state} />
        ) : (
          <span className="muted">{t("register.notRegistered")}</span>
        ),
    },
  ];

  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t("nav.register")}</h1>
          <p className="muted">{t("register.hint")}</p>
        </div>
      </header>
      {results ? (
        <RegisterResults
          results={results.results}
          merchantFailures={results.merchant.failures}
          titles={titles}
          onFix={async (productId, patch) => {
            await api.patch(
              `/api/v1/merchants/${mid}/products/${encodeURIComponent(productId)}/settings`,
              patch,
            );
            // Ready to register again: the fixed product is selected for the next click.
            setSelected((prev) => new Set(prev).add(productId));
          }}
        />
      ) : null}
      <section className="card">
        {replaces ? (
          <div className="banner" data-testid="replacing">
            {t("register.replacing", { productId: replaces })}
          </div>
        ) : null}
        <div className="toolbar">
          <input
            type="search"
            placeholder={t("register.search")}
            aria-label={t("register.search")}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <ListCount list={list} />
          <span className="spacer" />
          <button
            type="button"
            className="btn btn-primary"
            data-testid="register-selected"
            disabled={selected.size === 0 || busy || !merchantItself}
            title={merchantItself ? undefined : t("register.onlyMerchant")}
            onClick={register}
          >
            {busy ? t("state.working") : t("register.submit", { n: selected.size })}
          </button>
        </div>
        {error ? (
          <div className="form-error" role="alert">
            {errorText(error, { t, pick })}
          </div>
        ) : null}
        <ListStates
          list={list}
          empty={q ? t("register.noMatch", { q }) : t("register.emptyCatalogue")}
        />
        {list.rows.length > 0 ? (
          <VirtualTable
            columns={columns}
            rows={list.rows}
            rowKey={(p) => p.id}
            onEndReached={list.loadMore}
            testId="catalogue"
          />
        ) : null}
      </section>
    </div>
  );
}
