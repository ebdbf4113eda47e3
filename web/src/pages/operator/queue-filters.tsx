/** Review queue filters: how due, which category, which merchant. */
import { useCampaign } from "../../app/campaign.js";
import { useI18n } from "../../i18n/index.js";

export interface QueueFilter {
  due: "" | "overdue" | "due_soon";
  category: string;
  merchantId: string;
}

export function QueueFilters({
  value,
  onChange,
}: {
  value: QueueFilter;
  onChange: (f: QueueFilter) => void;
}) {
  const { t, lang } = useI18n();
  const { campaign } = useCampaign();
  return (
    <>
      <select
        aria-label={t("queue.due")}
        value={value.due}
        onChange={(e) => onChange({ ...value, due: e.target.value as QueueFilter["due"] })}
      >
        <option value="">{t("queue.dueAll")}</option>
        <option value="overdue">{t("sla.overdue")}</option>
        <option value="due_soon">{t("sla.dueSoon")}</option>
      </select>
      <select
        aria-label={t("product.category")}
        value={value.category}
        onChange={(e) => onChange({ ...value, category: e.target.value })}
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
        aria-label={t("queue.merchant")}
        placeholder={t("queue.merchant")}
        value={value.merchantId}
        onChange={(e) => onChange({ ...value, merchantId: e.target.value.trim() })}
      />
    </>
  );
}
