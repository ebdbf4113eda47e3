/** The facts the contract names and what a valid value of each is (one table for every reader). */
export {
  FACTS,
  type FactField,
  type FactSubject,
  type FactType,
  factField,
  MERCHANT_FACTS,
  PRODUCT_FACTS,
} from "./fields.js";
export { expectation, type FactPredicate, factPredicate } from "./validate.js";
