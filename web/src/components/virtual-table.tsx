/**
 * A table that stays fast with tens of thousands of rows: only the rows in view are in the DOM
 * (TanStack Virtual), and `onEndReached` asks for the next server page before the user gets there.
 * The page itself scrolls (no box inside the page with its own scrollbar), and the header stays
 * under the top bar. On a narrow screen each row becomes a card: every cell under its column's
 * name (`data-label`), so nothing is cut and nothing scrolls sideways.
 */
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** The column's name on a phone's card, when `header` is not text (a checkbox). */
  label?: string;
  /** CSS grid track, e.g. "120px" or "2fr". */
  width: string;
  render: (row: T, index: number) => ReactNode;
}

interface VirtualTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowHeight?: number;
  onEndReached?: () => void;
  footer?: ReactNode;
  testId?: string;
  /** Extra attributes per row (selection state, ids for tests and keyboard navigation). */
  rowProps?: (row: T, index: number) => Record<string, string | undefined>;
}

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { columns, rows, rowKey, rowHeight = 44, onEndReached, footer } = props;
  const bodyRef = useRef<HTMLDivElement>(null);
  const [margin, setMargin] = useState(0);
  // Where the body starts in the page: the virtualizer counts rows from there.
  useLayoutEffect(() => {
    const el = bodyRef.current;
    if (!el) return;
    const measure = () => setMargin(el.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => rowHeight,
    overscan: 12,
    scrollMargin: margin,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  const grid = columns.map((c) => c.width).join(" ");
  const labelOf = (c: Column<T>) => c.label ?? (typeof c.header === "string" ? c.header : "");

  useEffect(() => {
    if (onEndReached && last && last.index >= rows.length - 20) onEndReached();
  }, [last, rows.length, onEndReached]);

  return (
    <div className="vtable" data-testid={props.testId} style={{ "--vgrid": grid } as never}>
      <div className="vtable-head">
        {columns.map((c) => (
          <div key={c.key} className="vtable-cell">
            {c.header}
          </div>
        ))}
      </div>
      <div ref={bodyRef} className="vtable-body">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={rowKey(row)}
                className="vtable-row"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start - margin}px)` }}
                {...props.rowProps?.(row, item.index)}
              >
                {columns.map((c) => (
                  <div key={c.key} className="vtable-cell" data-label={labelOf(c)}>
                    {c.render(row, item.index)}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
      {footer ? <div className="vtable-foot">{footer}</div> : null}
    </div>
  );
}
