import type { Metadata } from 'next';
import { OrderList } from '@/components/orders/order-list';
import { SignedInOnly } from '@/components/ui/signed-in-only';

export const metadata: Metadata = { title: 'Orders' };

export default function OrdersPage() {
  return (
    <>
      <h1>Your orders</h1>
      <SignedInOnly what="your orders" returnTo="/orders">
        <OrderList />
      </SignedInOnly>
    </>
  );
}
