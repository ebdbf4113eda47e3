/**
 * Structural checks of the engine's records as read back (`ff_listings.record`,
 * `ff_merchants.record`, `ff_orders.refunds`, `ff_orders.claim`). Hand-written rather than Zod:
 * ingestion reads these per event batch (hundreds of records per batch, a million events in a
 * replay), and a Zod parse of each record copied it and cost several times the JSON.parse it
 * follows. These only look at each field once and build nothing. A field that is not what the
 * engine writes throws a `StoreCorruption` naming the table, column, row key and field.
 */
import type {
  ClaimRecord,
  ExitReason,
  ListingRecord,
  MerchantRecord,
  RefundFact,
  RefundVerdict,
  ViolationKind,
} from "../../../domain/fulfilment/index.js";
import { corrupt, type StoredAt, storedJson } from "../../corrupt.js";

type Fields = Record<string, unknown>;

const VIOLATION_KINDS: readonly string[] = ["late_shipment", "false_shipment"];
const REFUND_KINDS: readonly string[] = ["refund_only", "return_refund"];
const REFUND_VERDICTS: readonly string[] = [
  "approved",
  "kind",
  "shipped_online",
  "already_refunded",
  "over_order_amount",
  "over_instant_limit",
  "contradicted",
];
const CLAIM_STATUSES: readonly string[] = ["paid", "held", "declined", "none"];
const EXIT_REASONS: readonly string[] = ["exception_report", "violations", "withdrew"];

function fieldError(at: StoredAt, field: string, expected: string, value: unknown): never {
  const shown = JSON.stringify(value)?.slice(0, 60) ?? "nothing";
  throw corrupt(at, `has ${field} = ${shown}, not ${expected}`);
}

function object(at: StoredAt, value: unknown, what: string): Fields {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Fields;
  return fieldError(at, what, "an object", value);
}

function text(at: StoredAt, o: Fields, field: string): string {
  const v = o[field];
  return typeof v === "string" ? v : fieldError(at, field, "a string", v);
}

/** A safe integer (instants, counts, fen); with `min`, at least that. */
function integer(at: StoredAt, o: Fields, field: string, min = -Infinity): number {
  const v = o[field];
  return Number.isSafeInteger(v) && (v as number) >= min
    ? (v as number)
    : fieldError(at, field, min === 0 ? "a non-negative integer" : "an integer", v);
}

function integerOrNull(at: StoredAt, o: Fields, field: string): number | null {
  const v = o[field];
  return v === null || v === undefined ? null : integer(at, o, field);
}

function oneOf<T extends string>(
  at: StoredAt,
  o: Fields,
  field: string,
  allowed: readonly string[],
): T {
  const v = o[field];
  return allowed.includes(v as string)
    ? (v as T)
    : fieldError(at, field, `one of ${allowed.join(", ")}`, v);
}

export function listingRecord(at: StoredAt, json: string): ListingRecord {
  const r = object(at, storedJson(at, json), "the record");
  const hours = r.shippingGuaranteeHours;
  return {
    productId: text(at, r, "productId"),
    merchantId: text(at, r, "merchantId"),
    shippingGuaranteeHours:
      hours === null || hours === undefined ? null : integer(at, r, "shippingGuaranteeHours", 1),
    listedAt: integer(at, r, "listedAt"),
    violations: integer(at, r, "violations", 0),
    weight:
      typeof r.weight === "number" ? r.weight : fieldError(at, "weight", "a number", r.weight),
    status: oneOf(at, r, "status", ["live", "delisted"]),
    delistedAt: integerOrNull(at, r, "delistedAt"),
    changes: r.changes === undefined ? 0 : integer(at, r, "changes", 0),
  };
}

export function merchantRecord(at: StoredAt, json: string): MerchantRecord {
  const r = object(at, storedJson(at, json), "the record");
  const final = r.finalExit;
  let finalExit: MerchantRecord["finalExit"] = null;
  if (final !== null && final !== undefined) {
    const f = object(at, final, "finalExit");
    finalExit = {
      at: integer(at, f, "at"),
      reason: oneOf(at, f, "reason", ["exception_report", "withdrew"]),
    };
  }
  const exitReason = r.exitReason;
  return {
    merchantId: text(at, r, "merchantId"),
    violations: integer(at, r, "violations", 0),
    // Written before the history was kept: migration 0013 fills it; a fresh record starts empty.
    inForce: r.inForce === undefined ? [] : violationRefs(at, r.inForce),
    status: oneOf(at, r, "status", ["active", "exited"]),
    exitedAt: integerOrNull(at, r, "exitedAt"),
    exitReason:
      exitReason === null || exitReason === undefined
        ? null
        : oneOf<ExitReason>(at, r, "exitReason", EXIT_REASONS),
    finalExit,
    finalApplied:
      r.finalApplied === undefined
        ? false
        : typeof r.finalApplied === "boolean"
          ? r.finalApplied
          : fieldError(at, "finalApplied", "true or false", r.finalApplied),
    changes: r.changes === undefined ? 0 : integer(at, r, "changes", 0),
    nextKey: integerOrNull(at, r, "nextKey"),
  };
}

function violationRefs(at: StoredAt, value: unknown): MerchantRecord["inForce"] {
  if (!Array.isArray(value)) return fieldError(at, "inForce", "a list", value);
  for (const ref of value) {
    if (
      !(Array.isArray(ref) && ref.length === 2 && Number.isSafeInteger(ref[0])) ||
      typeof ref[1] !== "string"
    ) {
      fieldError(at, "inForce[]", "[instant, order id]", ref);
    }
  }
  return value as MerchantRecord["inForce"];
}

export function refundFacts(at: StoredAt, json: string): RefundFact[] {
  const list = storedJson(at, json);
  if (!Array.isArray(list)) return fieldError(at, "the value", "a list", list);
  return list.map((item) => {
    const r = object(at, item, "a refund");
    const decided = r.decided;
    return {
      refundId: text(at, r, "refundId"),
      at: integer(at, r, "at"),
      amountFen: integer(at, r, "amountFen", 0),
      kind: oneOf(at, r, "kind", REFUND_KINDS),
      decided:
        decided === null || decided === undefined
          ? null
          : oneOf<RefundVerdict>(at, r, "decided", REFUND_VERDICTS),
    };
  });
}

export function claimRecord(at: StoredAt, json: string): ClaimRecord {
  const r = object(at, storedJson(at, json), "the claim");
  const claim: ClaimRecord = {
    kind: oneOf(at, r, "kind", VIOLATION_KINDS),
    status: oneOf(at, r, "status", CLAIM_STATUSES),
    amountFen: integer(at, r, "amountFen", 0),
  };
  if (r.revision !== undefined) claim.revision = integer(at, r, "revision", 0);
  if (r.byPerson !== undefined) {
    if (r.byPerson !== true) fieldError(at, "byPerson", "true", r.byPerson);
    claim.byPerson = true;
  }
  return claim;
}

/** A comma-separated list of violation kinds (`ff_orders.waived`, `ff_orders.revoked`). */
export function violationKinds(at: StoredAt, joined: string): ViolationKind[] {
  const kinds = joined.split(",");
  for (const k of kinds) {
    if (!VIOLATION_KINDS.includes(k)) fieldError(at, "a kind", "a violation kind", k);
  }
  return kinds as ViolationKind[];
}

export function violationKindOrNull(at: StoredAt, value: unknown): ViolationKind | null {
  if (value === null || value === undefined) return null;
  if (VIOLATION_KINDS.includes(value as string)) return value as ViolationKind;
  return fieldError(at, "the value", "a violation kind", value);
}
