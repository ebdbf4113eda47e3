/**
 * A console read shared by the requests of one event-loop turn that ask the same of the same
 * store (`FreshReads`: never a read begun before the request arrived, so each still sees all
 * that was committed before it). A few operators open the same pages: the dashboard, the first
 * page of the review queue; their aggregates are then computed once per turn, not once each.
 */
import type { Db } from "../../store/types.js";
import { FreshReads } from "../fresh-read.js";

export function sharedPerTurn<A, V>(
  read: (db: Db, arg: A) => Promise<V>,
  /** Equal for arguments that ask the same. */
  keyOf: (arg: A) => string,
): (db: Db, arg: A) => Promise<V> {
  const byStore = new WeakMap<Db, { reads: FreshReads<string, V>; args: Map<string, A> }>();
  return (db, arg) => {
    let store = byStore.get(db);
    if (store === undefined) {
      const args = new Map<string, A>();
      const reads = new FreshReads<string, V>((key) => {
        const asked = args.get(key) as A;
        args.delete(key);
        return read(db, asked);
      });
      store = { reads, args };
      byStore.set(db, store);
    }
    const key = keyOf(arg);
    store.args.set(key, arg);
    return store.reads.get(key);
  };
}
