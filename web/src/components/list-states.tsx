/** A paged list's loading, empty and error states, shown while it has no rows to show. */
import type { PagedState } from "../lib/use-paged.js";
import { Empty, ErrorBox, Loading } from "./states.js";

export function ListStates({ list, empty }: { list: PagedState; empty: string }) {
  return (
    <>
      {list.error && list.rows.length === 0 ? (
        <ErrorBox error={list.error} onRetry={list.reload} />
      ) : null}
      {list.loading && list.rows.length === 0 ? <Loading /> : null}
      {!list.loading && !list.error && list.rows.length === 0 ? <Empty>{empty}</Empty> : null}
    </>
  );
}
