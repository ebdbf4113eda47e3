/**
 * A merchant's notifications (消息通知), newest first: each in the console's language, with when
 * it took effect and a link to what it is about. Opening one marks it read; "mark all read" marks
 * the rest. An operator sees the same list (support calls) without marking anything.
 */
import { useCallback, useState } from "react";
import { campaignPath, useCampaign } from "../../app/campaign.js";
import { href, navigate } from "../../app/router.js";
import { isOperator, useSession } from "../../app/session.js";
import { MerchantHeading } from "../../components/merchant-heading.js";
import { ErrorBox, Loading } from "../../components/states.js";
import { useI18n } from "../../i18n/index.js";
import { api } from "../../lib/api.js";
import { formatInstant } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { INBOX_READ_EVENT } from "./inbox-badge.js";
import type { Notification, InboxPage as Page } from "./types.js";
import { useWords } from "./words.js";
import "./downstream.css";

export function InboxPage({ merchantId }: { merchantId: string }) {
  const w = useWords();
  const { pick } = useI18n();
  const { campaign } = useCampaign();
  const { me } = useSession();
  const staff = isOperator(me);
  const base = campaignPath(campaign, `/merchants/${encodeURIComponent(merchantId)}/inbox`);
  const first = useResource(() => api.get<Page>(base, { limit: 50 }), [base]);
  const [more, setMore] = useState<Notification[]>([]);
  const [cursor, setCursor] = useState<string | null | undefined>(undefined);
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const [allRead, setAllRead] = useState(false);
  const [unreadNow, setUnreadNow] = useState<number | undefined>(undefined);
  const next = cursor === undefined ? first.data?.nextCursor : cursor;
  const items = [...(first.data?.items ?? []), ...more];
  const isRead = (n: Notification) => allRead || n.read || readIds.has(n.id);
  const unread = unreadNow ?? first.data?.unread ?? 0;

  const loadMore = useCallback(async () => {
    if (!next) return;
    const page = await api.get<Page>(base, { limit: 50, cursor: next });
    setMore((m) => [...m, ...page.items]);
    setCursor(page.nextCursor);
  }, [base, next]);

  const open = async (n: Notification) => {
    if (!staff && !isRead(n)) {
      setReadIds((s) => new Set(s).add(n.id));
      await api.post<{ unread: number }>(`${base}/read`, { ids: [n.id] }).then(
        (r) => setUnreadNow(r.unread),
        () => {},
      );
      window.dispatchEvent(new Event(INBOX_READ_EVENT));
    }
    navigate(n.href);
  };
  const markAll = async () => {
    const r = await api.post<{ unread: number }>(`${base}/read`, { all: true });
    setAllRead(true);
    setUnreadNow(r.unread);
    window.dispatchEvent(new Event(INBOX_READ_EVENT));
  };

  return (
    <div className="page">
      <header className="page-head">
        <MerchantHeading title={"nav.inbox"} merchantId={merchantId}>
          <p className="muted">{w("inbox.intro")}</p>
        </MerchantHeading>
        {staff ? null : (
          <button
            type="button"
            className="btn"
            data-testid="inbox-mark-all"
            disabled={unread === 0}
            onClick={markAll}
          >
            {w("inbox.markAll")}
          </button>
        )}
      </header>
      {staff ? <p className="muted small">{w("inbox.operatorNote")}</p> : null}
      <section className="card">
        <div className="muted small" data-testid="inbox-unread">
          {w("inbox.unread", { n: unread })}
        </div>
        {first.loading && !first.data ? <Loading /> : null}
        {first.error ? <ErrorBox error={first.error} onRetry={first.reload} /> : null}
        {first.data && items.length === 0 ? <p className="muted">{w("inbox.none")}</p> : null}
        <ul className="inbox-list" data-testid="inbox-list">
          {items.map((n) => (
            <li
              key={n.id}
              className={isRead(n) ? "inbox-item" : "inbox-item inbox-unread"}
              data-testid="inbox-item"
              data-type={n.type}
            >
              <span className="inbox-dot">
                {isRead(n) ? null : <span className="sr-only">{w("inbox.new")}</span>}
              </span>
              <div className="inbox-text">
                <a
                  href={href(n.href)}
                  onClick={(e) => {
                    e.preventDefault();
                    void open(n);
                  }}
                >
                  {pick(n.title)}
                </a>
                {n.detail ? <div className="muted small">{pick(n.detail)}</div> : null}
              </div>
              <time className="muted small" dateTime={n.at}>
                {formatInstant(n.at)}
              </time>
            </li>
          ))}
        </ul>
        {next ? (
          <button type="button" className="btn btn-ghost btn-block" onClick={loadMore}>
            {w("inbox.more")}
          </button>
        ) : null}
      </section>
    </div>
  );
}
