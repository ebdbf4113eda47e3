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
    | "json_too_deep";
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
  return { merchant, products };
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
