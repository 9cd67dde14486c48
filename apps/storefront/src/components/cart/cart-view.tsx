'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo } from 'react';
import type { CartItem, Money, Product } from '@/lib/api';
import { cartStore, withQuantity } from '@/lib/cart-store';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { useBrowserStore } from '@/lib/use-browser-store';
import { ChaosPanel } from '../demo/chaos/chaos-panel';
import { CheckoutPanel } from '../checkout/checkout-panel';
import { RetryTimeline } from '../checkout/retry-timeline';
import { useApi } from '../providers/api-provider';
import { Loading } from '../ui/loading';
import { useSignedInSession } from '../ui/signed-in-only';
import { ProblemNotice } from '../ui/problem-notice';
import { CartLines } from './cart-lines';
import styles from './cart.module.css';

/** The cart and its retry timeline beside the checkout (and, in demo mode, the chaos panel below them). */
export function CartView() {
  const api = useApi();
  const session = useSignedInSession();
  const userId = session.user.id;
  const cart = useBrowserStore(cartStore(userId), []);
  const record = useBrowserStore(checkoutStore(userId), null);
  const inFlight = record?.inFlight.length ?? 0;
  // Stock changes when an order goes through: read the catalog again once nothing is in flight.
  const products = useQuery({ queryKey: ['products', inFlight === 0 ? (record?.result?.at ?? 0) : 'busy'], queryFn: () => api.listProducts() });

  const byId = useMemo(() => new Map((products.data ?? []).map((p) => [p.id, p])), [products.data]);
  const total = useMemo(() => cartTotal(cart, byId), [cart, byId]);

  return (
    <>
      <h1>Your cart</h1>
      {products.isError && <ProblemNotice error={products.error} onRetry={() => void products.refetch()} />}
      <div className={styles.layout}>
        <div>
          {products.isPending ? (
            <Loading label="Loading your cart…" />
          ) : cart.length === 0 && record?.result?.state === 'placed' ? (
            // The checkout beside it shows the order and where to go next.
            <div className={`card ${styles.empty}`}>
              <p>Your cart is empty: everything in it was ordered.</p>
            </div>
          ) : cart.length === 0 ? (
            <div className={`card ${styles.empty}`}>
              <p>Your cart is empty.</p>
              <Link className="button button--secondary" href="/">
                Browse the shop
              </Link>
            </div>
          ) : (
            <CartLines cart={cart} products={byId} locked={inFlight > 0} onQuantity={(id, q) => cartStore(userId).update((c) => withQuantity(c, id, q))} />
          )}
          {inFlight > 0 && cart.length > 0 && (
            <p className="muted">The cart and the card are locked while the order is being sent: the key belongs to exactly these items and this card.</p>
          )}
          {/* Under the cart and beside the checkout's verdict, above the demo's chaos panel: the
              result and its timeline are seen together without scrolling past the panel. */}
          {record && <RetryTimeline record={record} />}
        </div>
        <div className={styles.checkout}>
          <CheckoutPanel session={session} cart={cart} total={total} record={record} />
        </div>
        <ChaosPanel className={styles.chaos} />
      </div>
    </>
  );
}

/** The cart at catalog prices, or `null` when a price is unknown or currencies differ. */
function cartTotal(cart: readonly CartItem[], products: ReadonlyMap<string, Product>): Money | null {
  if (cart.length === 0) return null;
  const lines = cart.map((item) => ({ product: products.get(item.productId), quantity: item.quantity }));
  const currency = lines[0].product?.currency;
  if (!currency || lines.some(({ product }) => product?.currency !== currency)) return null;
  return { currency, cents: lines.reduce((sum, { product, quantity }) => sum + (product?.priceCents ?? 0) * quantity, 0) };
}
