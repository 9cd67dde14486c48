import type { Metadata } from 'next';
import { OrderDetail } from '@/components/orders/order-detail';
import { SignedInOnly } from '@/components/ui/signed-in-only';

export const metadata: Metadata = { title: 'Order' };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <SignedInOnly what="this order" returnTo={`/orders/${encodeURIComponent(id)}`}>
      <OrderDetail orderId={id} />
    </SignedInOnly>
  );
}
