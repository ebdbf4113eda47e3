/**
 * The floor plus the least state any replay must keep: every order id paid so far, in a Map.
 * A payment whose id was seen must be refused (`duplicate_order`), and so must any later event
 * whose id was not (`unknown_order`), so a correct replay looks each order event's id up in a
 * table of all the orders of the run (~270,000 for 1M events). Nothing else: no record, no
 * rule, no validation, no output. Same reader and `JSON.parse` as floor.js.
 * Usage: node dist/bench/events/id-floor.js FILE
 */
import { processJsonl } from "../../src/cli/jsonl.js";
import { openEventInput } from "../../src/cli/replay/input.js";

const path = process.argv[2];
if (path === undefined) throw new Error("usage: id-floor.js FILE");
const orders = new Map<string, number>();
let found = 0;
await processJsonl({
  input: await openEventInput(path, process.stdin),
  onLine: (text) => {
    const event = JSON.parse(text) as { type?: unknown; orderId?: unknown };
    const id = event.orderId;
    if (typeof id !== "string") return undefined;
    if (event.type === "order.paid") {
      if (!orders.has(id)) orders.set(id, orders.size);
    } else if (orders.get(id) !== undefined) found++;
    return undefined;
  },
  maxLineChars: 1024 * 1024,
  onTooLong: () => undefined,
});
process.stderr.write(`${orders.size} orders, ${found} found\n`);
