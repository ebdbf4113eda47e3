/**
 * One input line of `gala check` → the merchant and its products, or why the line cannot be
 * used. Only the envelope is checked here; facts inside are the engine's business (it fails
 * closed on anything missing or mistyped).
 */

export interface CheckInput {
  merchant: Record<string, unknown>;
  products: unknown[];
}

export interface LineError {
  code:
    | "invalid_json"
    | "not_an_object"
    | "missing_merchant"
    | "merchant_not_object"
    | "products_not_array"
    | "line_too_long"
    | "json_too_deep"
    | "product_merchant_mismatch";
  message: string;
}

import { nestsDeeperThan, tooDeepMessage } from "../../domain/json/depth.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

export function parseCheckLine(text: string): CheckInput | LineError {
  if (nestsDeeperThan(text)) return { code: "json_too_deep", message: tooDeepMessage() };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      code: "invalid_json",
      message: `the line is not valid JSON (${(error as Error).message}); write one JSON object per line`,
    };
  }
  if (!isObject(value)) {
    return {
      code: "not_an_object",
      message: 'the line is not a JSON object; write {"merchant": {...}, "products": [...]}',
    };
  }
  const { merchant, products } = value;
  if (merchant === undefined || merchant === null) {
    return {
      code: "missing_merchant",
      message: 'the line has no "merchant"; write {"merchant": {...}, "products": [...]}',
    };
  }
  if (!isObject(merchant)) {
    return {
      code: "merchant_not_object",
      message: '"merchant" must be an object of merchant facts',
    };
  }
  // No products is a merchant-only check; anything else that is not a list is a mistake.
  if (products === undefined || products === null) return { merchant, products: [] };
  if (!Array.isArray(products)) {
    return { code: "products_not_array", message: '"products" must be a list of product objects' };
  }
  const stranger = otherMerchantsProduct(merchant.id, products);
  if (stranger !== undefined) return stranger;
  return { merchant, products };
}

/**
 * A product that names another merchant would be judged with this merchant's eligibility: a
 * mistake in the input (two merchants' lines merged), not something to decide on. A product
 * without `merchantId` belongs to its line's merchant; so does every product of a merchant
 * without an id, which has nothing to be compared with.
 */
function otherMerchantsProduct(merchantId: unknown, products: unknown[]): LineError | undefined {
  if (merchantId === undefined || merchantId === null) return undefined;
  for (let i = 0; i < products.length; i++) {
    const product = products[i];
    if (!isObject(product)) continue;
    const owner = product.merchantId;
    if (owner === undefined || owner === null || owner === merchantId) continue;
    const id = product.id === undefined ? "" : ` (id ${JSON.stringify(product.id)})`;
    return {
      code: "product_merchant_mismatch",
      message: `products[${i}]${id} has merchantId ${JSON.stringify(owner)}, but the line's merchant is ${JSON.stringify(merchantId)}; put each product on its own merchant's line`,
    };
  }
  return undefined;
}

export function isLineError(value: CheckInput | LineError): value is LineError {
  return "code" in value;
}

export function lineTooLong(maxChars: number): LineError {
  return {
    code: "line_too_long",
    message: `the line is longer than ${maxChars} characters and was skipped; split the merchant's products over several lines`,
  };
}

export function errorLine(line: number, error: LineError): string {
  return `${JSON.stringify({ line, error })}\n`;
}
