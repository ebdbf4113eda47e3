/**
 * A merchant that cannot ship takes itself out of the campaign (九.4). Leaving is final, so the
 * button only opens a confirmation that says so, with the reason to give; the second button
 * leaves. Shown to the merchant itself while it is in the campaign.
 */
import { useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { Field } from "../../components/field.js";
import { errorText } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import "./disputes.css";

export function WithdrawCard(props: { merchantId: string; onWithdrawn: () => void }) {
  const { t, pick } = useI18n();
  const { campaign } = useCampaign();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function leave() {
    if (!reason.trim()) {
      setError(t("withdraw.reasonRequired"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(
        campaignPath(campaign, `/merchants/${encodeURIComponent(props.merchantId)}/withdrawal`),
        { reason: reason.trim() },
      );
      setOpen(false);
      props.onWithdrawn();
    } catch (cause) {
      setError(errorText(cause, { t, pick }));
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="withdraw-card">
      <h2>{t("withdraw.title")}</h2>
      <p className="muted small">{t("withdraw.intro")}</p>
      {!open ? (
        <button
          type="button"
          className="btn btn-danger"
          data-testid="withdraw-start"
          onClick={() => setOpen(true)}
        >
          {t("withdraw.start")}
        </button>
      ) : (
        <div className="withdraw-confirm" role="alertdialog" aria-label={t("withdraw.title")}>
          <div className="banner banner-bad" data-testid="withdraw-final">
            {t("withdraw.final")}
          </div>
          <Field label={t("withdraw.reason")} error={error}>
            {(id, describedBy) => (
              <input
                id={id}
                aria-describedby={describedBy}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <div className="actions">
            <button
              type="button"
              className="btn btn-danger"
              data-testid="withdraw-confirm"
              disabled={busy}
              onClick={() => void leave()}
            >
              {t("withdraw.confirm")}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setOpen(false)}>
              {t("withdraw.cancel")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
