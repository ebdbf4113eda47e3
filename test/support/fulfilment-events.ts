/**
 * Channel events for the fulfilment read tests: helpers that build `order.paid` and
 * `product.listed`, and the story both reads and series tests post.
 */

export const paid = (orderId: string, at: string, merchantId = "m1", productId = "p1") => ({
  id: `pay-${orderId}`,
  type: "order.paid",
  at,
  orderId,
  merchantId,
  productId,
  amountFen: 20_000,
  region: "CN-ZJ",
  buyer: { id: `b-${orderId}`, risk: "normal" },
});

export const listed = (productId: string, merchantId: string) => ({
  id: `list-${productId}`,
  type: "product.listed",
  at: "2024-02-09T08:00:00+08:00",
  merchantId,
  productId,
  shippingGuaranteeHours: 24,
});

/**
 * m1 lists p1, m2 lists p2. m1: o1 shipped and picked up in time, o2 never shipped (late, claim
 * paid); m2: o3 refunded. The clock then moves to 2024-02-12 00:00.
 */
export function fulfilmentStory(): object[] {
  return [
    listed("p1", "m1"),
    listed("p2", "m2"),
    paid("o1", "2024-02-10T09:00:00+08:00"),
    paid("o2", "2024-02-10T09:10:00+08:00"),
    paid("o3", "2024-02-10T09:20:00+08:00", "m2", "p2"),
    {
      type: "order.shipped",
      at: "2024-02-10T12:00:00+08:00",
      orderId: "o1",
      trackingNo: "T1",
      carrier: "SF",
    },
    { type: "order.picked_up", at: "2024-02-10T15:00:00+08:00", orderId: "o1" },
    {
      type: "refund.requested",
      at: "2024-02-10T16:00:00+08:00",
      orderId: "o3",
      refundId: "r3",
      amountFen: 20_000,
      kind: "refund_only",
    },
    { type: "clock", at: "2024-02-12T00:00:00+08:00" },
  ];
}
