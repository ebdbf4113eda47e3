/**
 * Input lines read on one thread and replayed on another (`gala replay`'s reader thread): each
 * line becomes a record in a batch — its number, and either the typed event the scanner read
 * from it, or the line's text for the ordinary path, or a mark that it was too long — as plain
 * numbers (one Float64Array, transferred without a copy) and strings (an array, copied by the
 * message). The replaying thread rebuilds each event exactly as `scanEvent` built it: same
 * fields, same order, same values.
 *
 * Ids that recur (order, merchant, product, region, carrier) are symbols: the writer numbers each
 * distinct one and sends its text once, in the batch where it first appears; records carry the
 * number. The reader keeps the texts (`SymbolTexts`), so every event of an order carries the very
 * same string: it crosses threads once, and the engine's look-ups by it compare pointers, not
 * characters.
 */
import type { BuyerRisk, ChannelEvent, RefundKind } from "./events.js";

/** What a record holds, besides its line number. */
enum Code {
  Listed = 0,
  Paid = 1,
  Shipped = 2,
  PickedUp = 3,
  Delivered = 4,
  Refund = 5,
  ExceptionReport = 6,
  Clock = 7,
  /** The scanner did not claim the line: its text, for the ordinary (careful) path. */
  Text = 8,
  /** Longer than the reader keeps: nothing but the line number. */
  TooLong = 9,
}

/**
 * Numbers per record: [code, line, at, a, b, y1, y2, y3], where a and b are the amount, the
 * guarantee hours (NaN for none), the buyer's risk or the refund's kind (0/1), and y1–y3 symbols.
 * The strings of a record (order id, buyer id, tracking number, refund id, reason, a line's
 * text) follow one another in `strings`, in the order the event's fields are listed.
 */
const STRIDE = 8;
const A = 3;
const B = 4;
const Y1 = 5;
const Y2 = 6;
const Y3 = 7;

export interface EventBatch {
  numbers: Float64Array;
  strings: string[];
  /** The texts of the symbols first used in this batch, in number order. */
  symbols: string[];
  /** Records in the batch. */
  count: number;
}

/** The reader's side of the symbols: every text sent so far, by number. */
export type SymbolTexts = string[];

/** Fills batches of up to `capacity` records; `take` hands the batch over and starts a new one. */
export class EventBatchWriter {
  private numbers: Float64Array;
  private strings: string[] = [];
  private symbols: string[] = [];
  private count = 0;
  private readonly numbered = new Map<string, number>();

  constructor(readonly capacity: number) {
    this.numbers = new Float64Array(capacity * STRIDE);
  }

  get full(): boolean {
    return this.count === this.capacity;
  }

  get size(): number {
    return this.count;
  }

  event(event: ChannelEvent, line: number): void {
    const s = this.strings;
    const n = this.numbers;
    switch (event.type) {
      case "product.listed": {
        const i = this.record(Code.Listed, line, event.at);
        n[i + A] = event.shippingGuaranteeHours ?? Number.NaN;
        n[i + Y1] = this.symbol(event.merchantId);
        n[i + Y2] = this.symbol(event.productId);
        return;
      }
      case "order.paid": {
        const i = this.record(Code.Paid, line, event.at);
        n[i + A] = event.amountFen;
        n[i + B] = event.buyer.risk === "high" ? 1 : 0;
        n[i + Y1] = this.symbol(event.merchantId);
        n[i + Y2] = this.symbol(event.productId);
        n[i + Y3] = this.symbol(event.region);
        s.push(event.orderId, event.buyer.id);
        return;
      }
      case "order.shipped": {
        const i = this.record(Code.Shipped, line, event.at);
        n[i + Y1] = this.symbol(event.carrier);
        s.push(event.orderId, event.trackingNo);
        return;
      }
      case "order.picked_up":
      case "order.delivered":
        this.record(
          event.type === "order.picked_up" ? Code.PickedUp : Code.Delivered,
          line,
          event.at,
        );
        s.push(event.orderId);
        return;
      case "refund.requested": {
        const i = this.record(Code.Refund, line, event.at);
        n[i + A] = event.amountFen;
        n[i + B] = event.kind === "refund_only" ? 0 : 1;
        s.push(event.orderId, event.refundId);
        return;
      }
      case "merchant.exception_report": {
        const i = this.record(Code.ExceptionReport, line, event.at);
        n[i + Y1] = this.symbol(event.merchantId);
        s.push(event.reason);
        return;
      }
      case "clock":
        this.record(Code.Clock, line, event.at);
        return;
    }
  }

  /** A line for the ordinary path: the scanner did not claim it. */
  text(text: string, line: number): void {
    this.record(Code.Text, line, 0);
    this.strings.push(text);
  }

  tooLong(line: number): void {
    this.record(Code.TooLong, line, 0);
  }

  take(): EventBatch {
    const { numbers, strings, symbols, count } = this;
    this.numbers = new Float64Array(this.capacity * STRIDE);
    this.strings = [];
    this.symbols = [];
    this.count = 0;
    return { numbers, strings, symbols, count };
  }

  /** Starts a record; answers where its numbers begin. */
  private record(code: Code, line: number, at: number): number {
    const i = this.count++ * STRIDE;
    const n = this.numbers;
    n[i] = code;
    n[i + 1] = line;
    n[i + 2] = at;
    return i;
  }

  /**
   * The number of a recurring id. Order ids are not symbols: each recurs only a few times among
   * hundreds of thousands, and numbering them cost the reader thread more than it saved.
   */
  private symbol(text: string): number {
    let number = this.numbered.get(text);
    if (number === undefined) {
      number = this.numbered.size;
      this.numbered.set(text, number);
      this.symbols.push(text);
    }
    return number;
  }
}

/** What to do with each record of a batch, in order. */
export interface EventBatchReader {
  event(event: ChannelEvent, line: number): void;
  text(text: string, line: number): void;
  tooLong(line: number): void;
}

/**
 * Rebuilds a batch's records in order and hands each to `reader`; `texts` holds the symbols of
 * the batches read before (this one's are added), and is the same array for every batch.
 */
export function readEventBatch(
  batch: EventBatch,
  texts: SymbolTexts,
  reader: EventBatchReader,
): void {
  const { numbers: n, strings: s, count } = batch;
  for (const text of batch.symbols) texts.push(text);
  const y = (i: number) => texts[n[i]!]!;
  let k = 0;
  for (let r = 0; r < count; r++) {
    const i = r * STRIDE;
    const line = n[i + 1]!;
    const at = n[i + 2]!;
    switch (n[i]!) {
      case Code.Listed: {
        const hours = n[i + A]!;
        reader.event(
          {
            type: "product.listed",
            at,
            merchantId: y(i + Y1),
            productId: y(i + Y2),
            shippingGuaranteeHours: Number.isNaN(hours) ? null : hours,
          },
          line,
        );
        break;
      }
      case Code.Paid: {
        const risk: BuyerRisk = n[i + B] === 1 ? "high" : "normal";
        const orderId = s[k]!;
        const buyerId = s[k + 1]!;
        k += 2;
        reader.event(
          {
            type: "order.paid",
            at,
            orderId,
            merchantId: y(i + Y1),
            productId: y(i + Y2),
            amountFen: n[i + A]!,
            region: y(i + Y3),
            buyer: { id: buyerId, risk },
          },
          line,
        );
        break;
      }
      case Code.Shipped: {
        const orderId = s[k]!;
        const trackingNo = s[k + 1]!;
        k += 2;
        reader.event({ type: "order.shipped", at, orderId, trackingNo, carrier: y(i + Y1) }, line);
        break;
      }
      case Code.PickedUp:
        reader.event({ type: "order.picked_up", at, orderId: s[k++]! }, line);
        break;
      case Code.Delivered:
        reader.event({ type: "order.delivered", at, orderId: s[k++]! }, line);
        break;
      case Code.Refund: {
        const kind: RefundKind = n[i + B] === 0 ? "refund_only" : "return_refund";
        const orderId = s[k]!;
        const refundId = s[k + 1]!;
        k += 2;
        reader.event(
          { type: "refund.requested", at, orderId, refundId, amountFen: n[i + A]!, kind },
          line,
        );
        break;
      }
      case Code.ExceptionReport:
        reader.event(
          { type: "merchant.exception_report", at, merchantId: y(i + Y1), reason: s[k++]! },
          line,
        );
        break;
      case Code.Clock:
        reader.event({ type: "clock", at }, line);
        break;
      case Code.Text:
        reader.text(s[k++]!, line);
        break;
      case Code.TooLong:
        reader.tooLong(line);
        break;
    }
  }
}
