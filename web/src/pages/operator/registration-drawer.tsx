/**
 * One registration opened from the review queue: the product's facts and price, every rule's
 * result (failing ones first), the merchant's standing in the campaign, and the history; with
 * approve, and reject with a reason. A dialog at the side (the whole screen on a phone): Esc
 * closes it, j/k step through the queue while it is open.
 */
import { useEffect, useId, useRef, useState } from "react";
import { campaignPath, useCampaign, useCategoryName } from "../../app/campaign.js";
import { href } from "../../app/router.js";
import { Badge } from "../../components/badge.js";
import { Deadline } from "../../components/countdown.js";
import { Field } from "../../components/field.js";
import { StateBadge } from "../../components/state-badge.js";
import { ErrorBox, errorText, Loading } from "../../components/states.js";
import { exitReasonText, type MessageKey, useI18n } from "../../i18n/index.js";
import { ApiError, api } from "../../lib/api.js";
import { formatFen, formatInstant } from "../../lib/format.js";
import type { RegistrationDetail, RuleResult } from "../../lib/types.js";
import { useResource } from "../../lib/use-resource.js";
import { StandingTable } from "../merchant/standing-table.js";

interface Props {
  registrationId: string;
  now: number;
  position: { index: number; count: number };
  onClose: () => void;
  onStep: (delta: 1 | -1) => void;
  onDecided: (registrationId: string, decision: "approve" | "reject") => void;
  /** Set when the drawer was opened to reject: the reason field takes the focus. */
  rejecting?: boolean;
}

const FACTS = [
  "shippingGuaranteeHours",
  "sevenDayReturn",
  "douyinEwaybill",
  "alipayEscrow",
  "dropship",
  "nonFreeShippingRegions",
] as const;

const failingFirst = (rules: RuleResult[]) =>
  [...rules].sort((a, b) => Number(a.pass) - Number(b.pass));

export function RegistrationDrawer(props: Props) {
  const { t, pick } = useI18n();
  const { campaign } = useCampaign();
  const categoryName = useCategoryName();
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const res = useResource(
    () =>
      api.get<RegistrationDetail>(
        campaignPath(campaign, `/registrations/${encodeURIComponent(props.registrationId)}/detail`),
      ),
    [props.registrationId],
  );
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  // The dialog takes the focus when it opens and on every registration it steps to.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the id is the signal.
  useEffect(() => {
    setReason("");
    setReasonError(undefined);
    setError(undefined);
    if (props.rejecting) reasonRef.current?.focus();
    else panel.current?.focus();
  }, [props.registrationId]);

  async function decide(decision: "approve" | "reject") {
    if (decision === "reject" && !reason.trim()) {
      setReasonError(t("queue.reasonRequired"));
      reasonRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/v1/registrations/${encodeURIComponent(props.registrationId)}/review`, {
        decision,
        ...(decision === "reject" ? { reason: reason.trim() } : {}),
      });
      props.onDecided(props.registrationId, decision);
    } catch (cause) {
      const field = cause instanceof ApiError ? cause.fieldError("reason") : undefined;
      if (field) setReasonError(field);
      else setError(cause);
    } finally {
      setBusy(false);
    }
  }

  const d = res.data;
  const r = d?.registration;
  const pending = r?.state === "pending_review";
  const p = d?.product ?? {};
  const factText = (key: (typeof FACTS)[number]) => {
    const v = p[key];
    if (v === undefined || v === null) return "—";
    if (typeof v === "boolean") return t(v ? "common.yes" : "common.no");
    if (Array.isArray(v)) return v.length === 0 ? t("detail.none") : v.join(", ");
    if (key === "shippingGuaranteeHours") return t("detail.hours", { h: String(v) });
    return String(v);
  };

  return (
    <div className="drawer-layer">
      <button
        type="button"
        className="drawer-backdrop"
        aria-label={t("action.close")}
        tabIndex={-1}
        onClick={props.onClose}
      />
      <div
        ref={panel}
        className="drawer"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid="registration-detail"
        onKeyDown={(e) => {
          if (e.key === "Escape") return props.onClose();
          if (e.target instanceof HTMLInputElement || e.metaKey || e.ctrlKey || e.altKey) return;
          if (e.key === "j") props.onStep(1);
          else if (e.key === "k") props.onStep(-1);
          else if (e.key === "a" && pending) void decide("approve");
          else if (e.key === "r" && pending) reasonRef.current?.focus();
          else return;
          e.preventDefault();
        }}
      >
        <header className="drawer-head">
          <div>
            <h2 id={titleId}>{r ? (r.title ?? r.productId) : t("detail.title")}</h2>
            <p className="muted small">
              {t("detail.position", {
                n: props.position.index + 1,
                count: props.position.count,
              })}
            </p>
          </div>
          <div className="actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => props.onStep(-1)}
              disabled={props.position.index === 0}
              aria-keyshortcuts="k"
            >
              {t("detail.previous")}
            </button>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => props.onStep(1)}
              disabled={props.position.index >= props.position.count - 1}
              aria-keyshortcuts="j"
            >
              {t("detail.next")}
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              onClick={props.onClose}
              aria-keyshortcuts="Escape"
            >
              {t("action.close")}
            </button>
          </div>
        </header>
        {res.error ? <ErrorBox error={res.error} onRetry={res.reload} /> : null}
        {!d && !res.error ? <Loading /> : null}
        {d && r ? (
          <div className="drawer-body">
            <section>
              <dl className="facts">
                <div>
                  <dt>{t("product.id")}</dt>
                  <dd>
                    <code>{r.productId}</code>
                  </dd>
                </div>
                <div>
                  <dt>{t("product.price")}</dt>
                  <dd className="price-text" data-testid="detail-price">
                    {typeof p.priceFen === "number" ? formatFen(p.priceFen) : "—"}
                  </dd>
                </div>
                <div>
                  <dt>{t("product.category")}</dt>
                  <dd>{categoryName(r.category)}</dd>
                </div>
                <div>
                  <dt>{t("registration.state")}</dt>
                  <dd>
                    <StateBadge state={r.state} />
                  </dd>
                </div>
                <div>
                  <dt>{t("registration.reviewSla")}</dt>
                  <dd>
                    {pending ? (
                      <Deadline due={r.reviewDueAt} now={props.now} />
                    ) : r.reviewedAt ? (
                      formatInstant(r.reviewedAt)
                    ) : (
                      "—"
                    )}
                  </dd>
                </div>
                <div>
                  <dt>{t("registration.registeredAt")}</dt>
                  <dd>{formatInstant(r.registeredAt)}</dd>
                </div>
                {FACTS.map((key) => (
                  <div key={key}>
                    <dt>{t(`fact.${key}` as MessageKey)}</dt>
                    <dd>{factText(key)}</dd>
                  </div>
                ))}
              </dl>
              {r.replacesProductId ? (
                <p className="muted small">
                  {t("registration.replaces", { productId: r.replacesProductId })}
                </p>
              ) : null}
            </section>

            {pending ? (
              <section className="drawer-decide">
                <button
                  type="button"
                  className="btn btn-primary"
                  data-testid="detail-approve"
                  disabled={busy}
                  onClick={() => decide("approve")}
                  aria-keyshortcuts="a"
                >
                  {t("detail.approve")}
                </button>
                <Field label={t("queue.rejectReason")} error={reasonError}>
                  {(id, describedBy) => (
                    <input
                      ref={reasonRef}
                      id={id}
                      aria-describedby={describedBy}
                      data-testid="detail-reason"
                      value={reason}
                      placeholder={t("queue.rejectReasonHint")}
                      onChange={(e) => setReason(e.target.value)}
                      onKeyDown={(e) => {
                        if (e.key === "Enter") void decide("reject");
                      }}
                    />
                  )}
                </Field>
                <button
                  type="button"
                  className="btn btn-danger"
                  data-testid="detail-reject"
                  disabled={busy}
                  onClick={() => decide("reject")}
                  aria-keyshortcuts="r"
                >
                  {t("detail.reject")}
                </button>
                {error ? (
                  <span className="form-error" role="alert">
                    {errorText(error, { t, pick })}
                  </span>
                ) : null}
              </section>
            ) : null}

            <section>
              <h3>{t("detail.productRules")}</h3>
              <StandingTable rules={failingFirst(d.rules.product)} testId="detail-product-rules" />
            </section>

            <section data-testid="detail-merchant">
              <div className="card-head">
                <h3>
                  {t("detail.merchant")}{" "}
                  <a href={href(`/merchants/${encodeURIComponent(d.merchant.id)}/campaign`)}>
                    {d.merchant.name ?? d.merchant.id}
                  </a>
                </h3>
                {d.merchant.exited ? (
                  <Badge tone="bad">{t("standing.exitedBadge")}</Badge>
                ) : d.merchant.eligible ? (
                  <Badge tone="ok">{t("standing.eligible")}</Badge>
                ) : (
                  <Badge tone="bad">{t("standing.notEligible")}</Badge>
                )}
              </div>
              {d.merchant.exited ? (
                <p className="bad-text">
                  {t("standing.exited", {
                    at: formatInstant(d.merchant.exited.at),
                    reason: exitReasonText(t, d.merchant.exited.reason),
                  })}
                </p>
              ) : null}
              <p className="small">
                {t("detail.merchantCounts", {
                  violations: d.merchant.violations,
                  approved: d.merchant.registrations.approved ?? 0,
                  pending: d.merchant.registrations.pending_review ?? 0,
                  rejected: d.merchant.registrations.rejected_at_review ?? 0,
                })}
              </p>
              <StandingTable
                rules={failingFirst(d.rules.merchant)}
                testId="detail-merchant-rules"
              />
            </section>

            <section>
              <h3>{t("detail.history")}</h3>
              <ol className="history" data-testid="detail-history">
                {d.history.map((h) => (
                  <li key={h.seq}>
                    <span className="muted small">{formatInstant(h.at)}</span> {(() => {
                      const key = `audit.action.${h.action}` as MessageKey;
                      const text = t(key);
                      return text === key ? h.action : text;
                    })()} <span className="muted small">
                      {h.actor.id}
                      {h.reason ? ` · ${h.reason}` : ""}
                    </span>
                  </li>
                ))}
              </ol>
            </section>
          </div>
        ) : null}
      </div>
    </div>
  );
}
