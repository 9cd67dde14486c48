/** Total quantity per product, in a stable order (product id) so that concurrent orders lock rows in the same order. */
export function quantitiesByProduct(items: readonly { productId: string; quantity: number }[]): [string, number][] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(item.productId, (totals.get(item.productId) ?? 0) + item.quantity);
  return [...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
