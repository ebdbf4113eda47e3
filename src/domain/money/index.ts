/** Money is integer fen (1 yuan = 100 fen); this room owns the only rounding rule. */
export { applyBasisPoints, clampFen } from "./rounding.js";
