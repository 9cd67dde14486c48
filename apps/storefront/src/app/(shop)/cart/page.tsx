import type { Metadata } from 'next';
import { CartView } from '@/components/cart/cart-view';
import { SignedInOnly } from '@/components/ui/signed-in-only';

export const metadata: Metadata = { title: 'Cart' };

export default function CartPage() {
  return (
    <SignedInOnly what="your cart" returnTo="/cart">
      <CartView />
    </SignedInOnly>
  );
}
