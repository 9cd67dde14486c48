'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { cartStore, quantityOf, withQuantity } from '@/lib/cart-store';
import { fixedStore } from '@/lib/browser-store';
import { useBrowserStore } from '@/lib/use-browser-store';
import { useApi } from '../providers/api-provider';
import { useSession } from '../providers/use-session';
import { Loading } from '../ui/loading';
import { ProblemNotice } from '../ui/problem-notice';
import { ProductCard } from './product-card';
import styles from './catalog.module.css';

const NO_CART = fixedStore([]);

/** The catalog with live prices and stock; adding to the cart needs a signed-in customer. */
export function CatalogView() {
  const api = useApi();
  const session = useSession();
  const products = useQuery({ queryKey: ['products'], queryFn: () => api.listProducts() });
  const store = session ? cartStore(session.user.id) : null;
  const cart = useBrowserStore(store ?? NO_CART, []);

  return (
    <>
      <section className={styles.hero}>
        <h1>A shop that never charges you twice</h1>
        <p>
          Click Buy five times, reload mid-order, lose the connection: you still get exactly one order. Every retry is shown as it happens.{' '}
          <Link href="/how-it-works">How this works</Link>
        </p>
        {session === null && (
          <p className="callout callout--info">
            <Link href="/sign-in">Sign in</Link> as a demo customer to add items to your cart.
          </p>
        )}
      </section>
      {products.isPending && <Loading label="Loading the catalog…" />}
      {products.isError && <ProblemNotice error={products.error} onRetry={() => void products.refetch()} />}
      {products.isSuccess && (
        <div className={styles.grid}>
          {products.data.map((product) => (
            <ProductCard
              key={product.id}
              product={product}
              inCart={quantityOf(cart, product.id)}
              onAdd={store ? () => store.update((c) => withQuantity(c, product.id, quantityOf(c, product.id) + 1)) : undefined}
            />
          ))}
        </div>
      )}
    </>
  );
}
