/**
 * A table that stays fast with tens of thousands of rows: only the rows in view are in the DOM
 * (TanStack Virtual), and `onEndReached` asks for the next server page before the user gets there.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { type ReactNode, useEffect, useRef } from "react";

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** CSS grid track, e.g. "120px" or "2fr". */
  width: string;
  render: (row: T, index: number) => ReactNode;
}

interface VirtualTableProps<T> {
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  rowHeight?: number;
  height?: number;
  onEndReached?: () => void;
  footer?: ReactNode;
  testId?: string;
}

export function VirtualTable<T>(props: VirtualTableProps<T>) {
  const { columns, rows, rowKey, rowHeight = 44, height = 520, onEndReached, footer } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];
  const grid = columns.map((c) => c.width).join(" ");

  useEffect(() => {
    if (onEndReached && last && last.index >= rows.length - 20) onEndReached();
  }, [last, rows.length, onEndReached]);

  return (
    <div className="vtable" data-testid={props.testId}>
      <div className="vtable-head" style={{ gridTemplateColumns: grid }}>
        {columns.map((c) => (
          <div key={c.key} className="vtable-cell">
            {c.header}
          </div>
        ))}
      </div>
      <div
        ref={scrollRef}
        className="vtable-body"
        // Measured rows, not the estimate: a short list ends where its last row does.
        style={{ maxHeight: height, height: Math.min(height, virtualizer.getTotalSize() + 2) }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div
                key={rowKey(row)}
                className="vtable-row"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ gridTemplateColumns: grid, transform: `translateY(${item.start}px)` }}
              >
                {columns.map((c) => (
                  <div key={c.key} className="vtable-cell">
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
