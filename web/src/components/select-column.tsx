/** A table's first column of checkboxes: one per row, and one in the header for every row shown. */
import type { Dispatch, SetStateAction } from "react";
import type { Column } from "./virtual-table.js";

interface SelectColumn<T> {
  rows: T[];
  selected: Set<string>;
  setSelected: Dispatch<SetStateAction<Set<string>>>;
  id: (row: T) => string;
  /** The row checkbox's accessible name. */
  label: (row: T) => string;
  /** The header checkbox's accessible name. */
  allLabel: string;
  /** `data-*` attributes on each row checkbox (tests and bulk actions find rows by them). */
  data: (row: T) => Record<`data-${string}`, string>;
}

export function selectColumn<T>(c: SelectColumn<T>): Column<T> {
  const allShown = c.rows.length > 0 && c.rows.every((r) => c.selected.has(c.id(r)));
  const toggle = (id: string) =>
    c.setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return {
    key: "pick",
    width: "44px",
    header: (
      <input
        type="checkbox"
        aria-label={c.allLabel}
        checked={allShown}
        onChange={() => c.setSelected(allShown ? new Set() : new Set(c.rows.map(c.id)))}
      />
    ),
    render: (r) => (
      <input
        type="checkbox"
        aria-label={c.label(r)}
        {...c.data(r)}
        checked={c.selected.has(c.id(r))}
        onChange={() => toggle(c.id(r))}
      />
    ),
  };
}
