import type { Order, OrderLine } from '@safe-checkout/db';
import { ChargeAttemptsView, toChargeAttemptsView } from './charge-attempts.representation';

/** How far an order's checkout got (payments.md §2); `confirmed` for orders placed before payments. */
export type OrderStatus = 'awaiting_payment' | 'paid' | 'payment_failed' | 'confirmed';

/** What paid the order: the provider's PaymentIntent (payments.md §2 "Reading an order"). */
export interface OrderPaymentView {
  paymentIntentId: string;
  amount: number;
  currency: string;
}

/** An order as the API shows it (http-contract.md "Orders", payments.md §2). */
export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  /** Present once the order is paid. */
  payment?: OrderPaymentView;
  /**
   * The server's own attempts at the payment provider, with the derived key: present for orders
   * placed with a payment method (not for `confirmed` ones, placed before payments).
   */
  chargeAttempts?: ChargeAttemptsView;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
  createdAt: string;
}

export function toOrderView(order: Order & { lines: OrderLine[] }): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status as OrderStatus,
    ...(order.paymentIntentId ? { payment: { paymentIntentId: order.paymentIntentId, amount: order.totalCents, currency: order.currency } } : {}),
    ...(order.paymentMethod ? { chargeAttempts: toChargeAttemptsView(order.id, order.chargeAttempts) } : {}),
    items: [...order.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({ productId: line.productId, quantity: line.quantity, unitPriceCents: line.unitPriceCents })),
    totalCents: order.totalCents,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
  };
}
