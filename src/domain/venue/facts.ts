/**
 * The product facts the venue shows beside a listing, read once when the listing enters the
 * in-memory ranking instead of keeping (or re-parsing) the whole facts document per read.
 */
export interface RankedFacts {
  title: string | null;
  category: string | null;
  priceFen: number | null;
  shippingGuaranteeHours: number | null;
}

const str = (v: unknown) => (typeof v === "string" ? v : null);
const num = (v: unknown) => (typeof v === "number" ? v : null);

/** From the stored facts (JSON text); a field of another type, or none, is `null`. */
export function shownFacts(json: string): RankedFacts {
  const facts = JSON.parse(json) as Record<string, unknown> | null;
  const f = typeof facts === "object" && facts !== null ? facts : {};
  return {
    title: str(f.title),
    category: str(f.category),
    priceFen: num(f.priceFen),
    shippingGuaranteeHours: num(f.shippingGuaranteeHours),
  };
}
