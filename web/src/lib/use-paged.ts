/**
 * Server-side pagination for long lists: keeps the rows loaded so far and the server's cursor for
 * the next page; `loadMore` is safe to call repeatedly (one request at a time). Changing `key`
 * (filters, sort) starts over.
 */
import { useCallback, useEffect, useRef, useState } from "react";

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total?: number;
}

/** What a list's count and its loading, empty and error states read. */
export type PagedState = Pick<Paged<unknown>, "rows" | "total" | "loading" | "error" | "reload">;

export interface Paged<T> {
  rows: T[];
  total: number | undefined;
  loading: boolean;
  error: unknown;
  done: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Drops rows already shown (decided in place), keeping the rest and the cursor. */
  remove: (drop: (row: T) => boolean) => void;
  /** Changes rows already shown (an answer given in place). */
  update: (change: (row: T) => T) => void;
}

export function usePaged<T>(fetchPage: (cursor: string | null) => Promise<Page<T>>, key: string) {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState<number>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const cursor = useRef<string | null>(null);
  const inFlight = useRef(false);
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const loadMore = useCallback(() => {
    if (inFlight.current) return;
    const gen = generation.current;
    inFlight.current = true;
    setLoading(true);
    fetchRef.current(cursor.current).then(
      (page) => {
        if (gen !== generation.current) return;
        inFlight.current = false;
        cursor.current = page.nextCursor;
        setRows((previous) => [...previous, ...page.items]);
        if (page.total !== undefined) setTotal(page.total);
        setDone(page.nextCursor === null);
        setError(undefined);
        setLoading(false);
      },
      (cause: unknown) => {
        if (gen !== generation.current) return;
        inFlight.current = false;
        setError(cause);
        setLoading(false);
      },
    );
  }, []);

  const reload = useCallback(() => {
    generation.current++;
    inFlight.current = false;
    cursor.current = null;
    setRows([]);
    setTotal(undefined);
    setDone(false);
    loadMore();
  }, [loadMore]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` is the reset signal.
  useEffect(() => reload(), [key, reload]);

  const remove = useCallback((drop: (row: T) => boolean) => {
    setRows((previous) => {
      const kept = previous.filter((r) => !drop(r));
      const gone = previous.length - kept.length;
      if (gone > 0) setTotal((t) => (t === undefined ? t : Math.max(0, t - gone)));
      return kept;
    });
  }, []);

  const update = useCallback((change: (row: T) => T) => {
    setRows((previous) => previous.map(change));
  }, []);

  const more = useCallback(() => {
    if (!done && !error) loadMore();
  }, [done, error, loadMore]);

  return {
    rows,
    total,
    loading,
    error,
    done,
    loadMore: more,
    reload,
    remove,
    update,
  } satisfies Paged<T>;
}
