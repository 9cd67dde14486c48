import { ProblemException } from '../problems/problem.exception';

/**
 * The largest amount the payment provider charges, in minor units: Stripe's eight digits for most
 * currencies, which apps/payment-sandbox enforces too (http-contract.md "Orders"). It also fits
 * the 32-bit `orders.total_cents` column.
 */
export const MAX_ORDER_TOTAL_CENTS = 99_999_999;

/**
 * The exact total of `lines`, in minor units. Computed in BigInt: quantity × unit price can pass
 * 2^31 (the Int columns) long before it loses precision as a double, and neither may reach the
 * database unchecked (an out-of-range total must be a 4xx, never a 500).
 */
export function orderTotalCents(lines: readonly { quantity: number; unitPriceCents: number }[]): bigint {
  return lines.reduce((sum, line) => sum + BigInt(line.quantity) * BigInt(line.unitPriceCents), 0n);
}

/**
 * The total as the order stores it, once it is one the provider can charge: 1 to
 * {@link MAX_ORDER_TOTAL_CENTS} minor units.
 *
 * @throws ProblemException 422 `order-total-out-of-range` otherwise (a final answer, final-answer.ts)
 */
export function chargeableTotalCents(total: bigint, currency: string): number {
  if (total >= 1n && total <= BigInt(MAX_ORDER_TOTAL_CENTS)) return Number(total);
  const why = total < 1n ? 'nothing to charge' : `above the payment provider's maximum of ${MAX_ORDER_TOTAL_CENTS}`;
  throw new ProblemException('order-total-out-of-range', `The order's total, ${total} ${currency} minor units, is ${why}.`, {
    // Always exact today (50 lines × 1000 units × an int4 price < 2^53); left out if it ever is not.
    ...(total <= BigInt(Number.MAX_SAFE_INTEGER) ? { totalCents: Number(total) } : {}),
    maximumCents: MAX_ORDER_TOTAL_CENTS,
  });
}
