/**
 * Product rules a merchant can fix itself from the console: each maps to the product setting
 * (PATCH …/products/:id/settings) that makes the rule pass. Everything else (category, the
 * merchant's own standing) is platform data and is fixed upstream.
 */
export type SettingsPatch = Partial<{
  nonFreeShippingRegions: string[];
  shippingGuaranteeHours: 24 | 48 | null;
  sevenDayReturn: boolean;
  douyinEwaybill: boolean;
  alipayEscrow: boolean;
}>;

const FIXES: Record<string, SettingsPatch> = {
  "product.seven_day_return": { sevenDayReturn: true },
  "product.douyin_ewaybill": { douyinEwaybill: true },
  "product.alipay_escrow": { alipayEscrow: true },
  "product.shipping_guarantee": { shippingGuaranteeHours: 48 },
  // Free shipping everywhere: the allowed exclusions may stay, but clearing all is always valid.
  "product.free_shipping": { nonFreeShippingRegions: [] },
};

export function fixFor(rule: string): SettingsPatch | undefined {
  return FIXES[rule];
}
