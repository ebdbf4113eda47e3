/**
 * Product cards in rows of a fixed count, virtualised by row: a venue of tens of thousands of
 * listings keeps only what is on screen in the DOM.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import { useCategoryName } from "../../app/campaign.js";
import { useI18n } from "../../i18n/index.js";
import type { VenueItem } from "../../lib/types.js";

const PER_ROW = 4;
const ROW_HEIGHT = 150;

interface Props {
  items: VenueItem[];
  onEndReached: () => void;
  price: (fen: number) => string;
}

export function VenueGrid({ items, onEndReached, price }: Props) {
  const { t } = useI18n();
  const categoryName = useCategoryName();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowCount = Math.ceil(items.length / PER_ROW);
  const v = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 4,
  });
  const rows = v.getVirtualItems();
  const last = rows[rows.length - 1];
  useEffect(() => {
    if (last && last.index >= rowCount - 3) onEndReached();
  }, [last, rowCount, onEndReached]);

  return (
    <div ref={scrollRef} className="venue-scroll" data-testid="venue">
      <div style={{ height: v.getTotalSize(), position: "relative" }}>
        {rows.map((row) => (
          <div
            key={row.key}
            className="venue-row"
            style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
          >
            {items.slice(row.index * PER_ROW, row.index * PER_ROW + PER_ROW).map((item, i) => (
              <article key={item.productId} className="product-card" data-product={item.productId}>
                <div className="rank">#{row.index * PER_ROW + i + 1}</div>
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
