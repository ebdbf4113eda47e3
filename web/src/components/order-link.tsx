/** An order id that opens the order's page: its facts and every decision, corrections included. */
import { href } from "../app/router.js";

export function OrderLink({ merchantId, orderId }: { merchantId: string; orderId: string }) {
  return (
    <a
      href={href(
        `/merchants/${encodeURIComponent(merchantId)}/orders/${encodeURIComponent(orderId)}`,
      )}
    >
      <code>{orderId}</code>
    </a>
  );
}
