/**
 * A merchant page's title. Merchants read "my …"; an operator opening a merchant's page (by the
 * header's merchant box) reads whose page it is, so "我的报名" never describes someone else's.
 */
import type { ReactNode } from "react";
import { isOperator, useSession } from "../app/session.js";
import { type MessageKey, useI18n } from "../i18n/index.js";

export function MerchantHeading({
  title,
  staffTitle,
  merchantId,
  children,
}: {
  title: MessageKey;
  /** The title an operator reads when `title` speaks as the merchant ("我的报名"). */
  staffTitle?: MessageKey;
  merchantId: string;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { me } = useSession();
  const staff = isOperator(me);
  return (
    <div>
      <h1>{t(staff && staffTitle ? staffTitle : title)}</h1>
      {staff ? (
        <p className="muted" data-testid="viewing-merchant">
          {t("merchant.viewing", { id: merchantId })}
        </p>
      ) : null}
      {children}
    </div>
  );
}
