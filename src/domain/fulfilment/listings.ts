import type { ProductListed } from "./events.js";
import { merchantOf } from "./exit.js";
import type { FulfilmentState } from "./state.js";

/** An approved product goes live in the venue at weight 1 (contracts.md, `product.listed`). */
export function onProductListed(state: FulfilmentState, event: ProductListed): void {
  state.listings.set(event.productId, {
    productId: event.productId,
    merchantId: event.merchantId,
    shippingGuaranteeHours: event.shippingGuaranteeHours,
    listedAt: event.at,
    weight: 1,
    violations: 0,
    status: "live",
  });
  merchantOf(state, event.merchantId);
}
