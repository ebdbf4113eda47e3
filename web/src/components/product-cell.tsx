/** A product in a table cell: its title (its id when it has none) over its id. */
export function ProductCell({
  title,
  productId,
}: {
  title: string | null | undefined;
  productId: string;
}) {
  return (
    <div>
      <div>{title ?? productId}</div>
      <code className="muted small">{productId}</code>
    </div>
  );
}
