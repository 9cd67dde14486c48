import type { Order, OrderLine, Receipt } from '@safe-checkout/db';
import { ChargeAttemptsView, toChargeAttemptsView } from './charge-attempts.representation';

/** How far an order's checkout got (payments.md §2). */
export type OrderStatus = 'awaiting_payment' | 'paid' | 'payment_failed';

/** What paid the order: the provider's PaymentIntent (payments.md §2 "Reading an order"). */
export interface OrderPaymentView {
  paymentIntentId: string;
  amount: number;
  currency: string;
}

/**
 * Which path learned first that the order was paid (payments.md §5): the charge's own answer, a
 * provider webhook, or the recovery worker.
 */
export type PaymentConfirmation = 'charge_answer' | 'webhook' | 'recovery_worker';

/** The receipt of a paid order: exactly one, issued by whichever path settled it. */
export interface ReceiptView {
  id: string;
  confirmedBy: PaymentConfirmation;
  issuedAt: string;
}

/** What every read of an order loads with it. */
export const ORDER_WITH_RECEIPT = { lines: true, receipt: true } as const;

/** An order as the API shows it (http-contract.md "Orders", payments.md §2). */
export interface OrderView {
  id: string;
  userId: string;
  status: OrderStatus;
  /** Present once the order is paid. */
  payment?: OrderPaymentView;
  /** Present once the order is paid: its one receipt, and how the payment was confirmed. */
  receipt?: ReceiptView;
  /** The server's own attempts at the payment provider, with the derived key: present for orders placed with a payment method. */
  chargeAttempts?: ChargeAttemptsView;
  items: { productId: string; quantity: number; unitPriceCents: number }[];
  totalCents: number;
  currency: string;
  createdAt: string;
}

export function toOrderView(order: Order & { lines: OrderLine[]; receipt?: Receipt | null }): OrderView {
  return {
    id: order.id,
    userId: order.userId,
    status: order.status as OrderStatus,
    ...(order.paymentIntentId ? { payment: { paymentIntentId: order.paymentIntentId, amount: order.totalCents, currency: order.currency } } : {}),
    ...(order.receipt ? { receipt: toReceiptView(order.receipt) } : {}),
    ...(order.paymentMethod ? { chargeAttempts: toChargeAttemptsView(order.id, order.chargeAttempts) } : {}),
    items: [...order.lines]
      .sort((a, b) => a.position - b.position)
      .map((line) => ({ productId: line.productId, quantity: line.quantity, unitPriceCents: line.unitPriceCents })),
    totalCents: order.totalCents,
    currency: order.currency,
    createdAt: order.createdAt.toISOString(),
  };
}

function toReceiptView(receipt: Receipt): ReceiptView {
  return { id: receipt.id, confirmedBy: receipt.confirmedBy as PaymentConfirmation, issuedAt: receipt.createdAt.toISOString() };
}
