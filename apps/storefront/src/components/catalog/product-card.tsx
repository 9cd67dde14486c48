import type { CSSProperties } from 'react';
import type { Product } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import styles from './catalog.module.css';

/** A product with its stock, and Add to cart unless signed out (no `onAdd`). */
export function ProductCard({ product, inCart, onAdd }: { product: Product; inCart: number; onAdd?: () => void }) {
  const stock = stockText(product.stock);
  const titleId = `product-${product.id}`;
  return (
    <article className={`card ${styles.card}`} aria-labelledby={titleId}>
      <ProductSwatch product={product} />
      <div className={styles.body}>
        <h2 id={titleId} className={styles.name}>
          {product.name}
        </h2>
        <p className={styles.sku}>{product.sku}</p>
        <p className={styles.price}>{formatMoney({ cents: product.priceCents, currency: product.currency })}</p>
        <p className={`badge badge--${stock.tone}`}>{stock.text}</p>
      </div>
      <div className={styles.actions}>
        {onAdd ? (
          <button type="button" className="button" onClick={onAdd} disabled={product.stock <= 0} aria-describedby={titleId}>
            Add to cart
          </button>
        ) : null}
        {inCart > 0 && <span className={styles.inCart}>{inCart} in your cart</span>}
      </div>
    </article>
  );
}

function stockText(stock: number): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (stock <= 0) return { text: 'Out of stock', tone: 'bad' };
  if (stock <= 5) return { text: `Only ${stock} left`, tone: 'warn' };
  return { text: `${stock.toLocaleString('en-GB')} in stock`, tone: 'ok' };
}

/** A product's picture, drawn with CSS from its SKU: no image files, nothing fetched. */
function ProductSwatch({ product }: { product: Product }) {
  const hue = [...product.sku].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const initials = product.name
    .split(/[\s:-]+/)
    .filter((w) => /^[A-Za-z0-9]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase())
    .join('');
  return (
    <div className={styles.swatch} style={{ '--hue': hue } as CSSProperties} aria-hidden="true">
      {initials}
    </div>
  );
}
