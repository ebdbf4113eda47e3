/**
 * Product cards in rows, virtualised by row: a venue of tens of thousands of listings keeps only
 * what is on screen in the DOM. The page scrolls (no inner box); a row holds as many cards as fit
 * the width (four on a desktop, one or two on a phone).
 */
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useCategoryName } from "../../app/campaign.js";
import { useI18n } from "../../i18n/index.js";
import type { VenueItem } from "../../lib/types.js";

const CARD_MIN_WIDTH = 200;
const GAP = 12;
const ROW_HEIGHT = 150;

interface Props {
  items: VenueItem[];
  onEndReached: () => void;
  price: (fen: number) => string;
}

export function VenueGrid({ items, onEndReached, price }: Props) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const ref = useRef<HTMLDivElement>(null);
  const [layout, setLayout] = useState({ perRow: 4, margin: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const perRow = Math.max(1, Math.floor((el.clientWidth + GAP) / (CARD_MIN_WIDTH + GAP)));
      const margin = el.getBoundingClientRect().top + window.scrollY;
      setLayout((l) => (l.perRow === perRow && l.margin === margin ? l : { perRow, margin }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, []);
  const { perRow, margin } = layout;
  const rowCount = Math.ceil(items.length / perRow);
  const v = useWindowVirtualizer({
    count: rowCount,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
    scrollMargin: margin,
  });
  const rows = v.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last && last.index >= rowCount - 3) onEndReached();
  }, [last, rowCount, onEndReached]);

  return (
    <div ref={ref} className="venue-grid" data-testid="venue">
      <div style={{ height: v.getTotalSize(), position: "relative" }}>
        {rows.map((row) => (
          <div
            key={row.key}
            className="venue-row"
            style={{
              transform: `translateY(${row.start - margin}px)`,
              height: ROW_HEIGHT,
              gridTemplateColumns: `repeat(${perRow}, minmax(0, 1fr))`,
            }}
          >
            {items.slice(row.index * perRow, row.index * perRow + perRow).map((item, i) => (
              <article key={item.productId} className="product-card" data-product={item.productId}>
                <div className="rank">#{row.index * perRow + i + 1}</div>
                <h3 title={item.title}>{item.title}</h3>
                <div className="muted small">{categoryName(item.category)}</div>
                <div className="price">{item.priceFen === null ? "—" : price(item.priceFen)}</div>
                <div className="muted small">
                  {t("venue.weight")} {item.weight.toFixed(2)} · {t("venue.freeShipping")}
                </div>
              </article>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
