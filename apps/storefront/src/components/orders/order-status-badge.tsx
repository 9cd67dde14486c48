import type { OrderStatus } from '@/lib/api';

/** How each order status is shown: its name for customers and the badge's colour. */
export const ORDER_STATUS_LABELS: Record<OrderStatus, { label: string; tone: 'ok' | 'warn' | 'bad' | 'muted' }> = {
  paid: { label: 'Paid', tone: 'ok' },
  'payment-failed': { label: 'Payment failed', tone: 'bad' },
  'awaiting-payment': { label: 'Awaiting payment', tone: 'warn' },
  unknown: { label: 'Unknown status', tone: 'muted' },
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { label, tone } = ORDER_STATUS_LABELS[status];
  return (
    <span className={`badge badge--${tone}`} data-testid="order-status" data-status={status}>
      {label}
    </span>
  );
}
