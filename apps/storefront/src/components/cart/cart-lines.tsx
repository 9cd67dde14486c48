'use client';

import type { CartItem, Product } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import { QuantityStepper } from './quantity-stepper';
import styles from './cart.module.css';

/** `locked` while an order is being sent: its key belongs to these exact items. */
export function CartLines(props: {
  cart: readonly CartItem[];
  products: ReadonlyMap<string, Product>;
  locked: boolean;
  onQuantity: (productId: string, quantity: number) => void;
}) {
  const { cart, products, locked, onQuantity } = props;
  return (
    <ul className={styles.lines} aria-label="Items in your cart">
      {cart.map((item) => {
        const product = products.get(item.productId);
        const name = product?.name ?? 'A product no longer in the catalog';
        return (
          <li key={item.productId} className={styles.line}>
            <div className={styles.lineInfo}>
              <span className={styles.lineName}>{name}</span>
              {product && (
                <span className="muted">
                  {formatMoney({ cents: product.priceCents, currency: product.currency })} each · {product.stock.toLocaleString('en-GB')} in stock
                </span>
              )}
              {product && item.quantity > product.stock && (
                <span className={styles.lineWarning}>Only {product.stock} in stock: the shop will refuse this quantity.</span>
              )}
            </div>
            <QuantityStepper itemName={name} quantity={item.quantity} disabled={locked} onChange={(q) => onQuantity(item.productId, q)} />
            <span className={styles.lineTotal}>{product ? formatMoney({ cents: product.priceCents * item.quantity, currency: product.currency }) : '—'}</span>
            <button
              type="button"
              className="button button--ghost"
              disabled={locked}
              onClick={() => onQuantity(item.productId, 0)}
              aria-label={`Remove ${name}`}
            >
              Remove
            </button>
          </li>
        );
      })}
    </ul>
  );
}
