import type { OrderStatus } from '@/lib/api';

const ORDER_STATUS_LABELS: Record<OrderStatus, { label: string; tone: 'ok' | 'warn' | 'bad' | 'muted' }> = {
  paid: { label: 'Paid', tone: 'ok' },
  payment_failed: { label: 'Payment failed', tone: 'bad' },
  awaiting_payment: { label: 'Awaiting payment', tone: 'warn' },
};

// A status the API added after this storefront was built.
const UNKNOWN_STATUS = { label: 'Unknown status', tone: 'muted' } as const;

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { label, tone } = Object.hasOwn(ORDER_STATUS_LABELS, status) ? ORDER_STATUS_LABELS[status] : UNKNOWN_STATUS;
  return (
    <span className={`badge badge--${tone}`} data-testid="order-status" data-status={status}>
      {label}
    </span>
  );
}
