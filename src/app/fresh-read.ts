/**
 * One database read shared by every request that asked for the same key during one turn of the
 * event loop, and never by a request that asked after the read began: each caller gets a value
 * read after it asked, so it sees everything committed before it arrived (in this process or
 * another), as if it had read alone.
 *
 * Why: the channel reads the venue with many connections at once; each read first asks "which
 * campaign version, which venue version?" of the database. Under load that question is asked
 * once per turn for all the requests that turn brought, instead of once each.
 */
export class FreshReads<K, V> {
  /** Reads asked for in this turn, not begun yet. */
  private readonly waiting = new Map<K, Promise<V>>();

  constructor(private readonly read: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    const pending = this.waiting.get(key);
    if (pending) return pending;
    const promise = new Promise<V>((resolve, reject) => {
      // setImmediate: after the poll phase that delivered this turn's requests.
      setImmediate(() => {
        this.waiting.delete(key);
        try {
          this.read(key).then(resolve, reject);
        } catch (error) {
          reject(error);
        }
      });
    });
    this.waiting.set(key, promise);
    return promise;
  }
}
