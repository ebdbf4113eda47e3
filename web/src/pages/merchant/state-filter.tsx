import { useI18n } from "../../i18n/index.js";

const STATES = ["pending_review", "approved", "rejected", "rejected_at_review"] as const;

/** Filter a registration list by state ("" = all). */
export function StateFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <select
      aria-label={t("registration.state")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    >
      <option value="">{t("filter.allStates")}</option>
      {STATES.map((s) => (
        <option key={s} value={s}>
          {t(`state.${s}`)}
        </option>
      ))}
    </select>
  );
}
