/**
 * The longest id an event may carry (order, merchant, product, refund, buyer, tracking number,
 * carrier, region), as for the event's own id. Ids are keys of indexes and of effect keys:
 * PostgreSQL refuses an index entry past ~2.7 kB, which failed a whole batch, and no channel's
 * id comes near this.
 */
export const MAX_ID_LENGTH = 128;

/** Free text in an event (a report's reason): generous, bounded. */
export const MAX_TEXT_LENGTH = 1_000;
