import type { Product } from '@/lib/api';
import { formatMoney } from '@/lib/format';
import { ProductSwatch } from './product-swatch';
import styles from './catalog.module.css';

export interface ProductCardProps {
  product: Product;
  /** Units of it already in the cart. */
  inCart: number;
  /** Absent when signed out: the card then invites to sign in instead. */
  onAdd?: () => void;
}

function stockText(stock: number): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (stock <= 0) return { text: 'Out of stock', tone: 'bad' };
  if (stock <= 5) return { text: `Only ${stock} left`, tone: 'warn' };
  return { text: `${stock.toLocaleString('en-GB')} in stock`, tone: 'ok' };
}

export function ProductCard({ product, inCart, onAdd }: ProductCardProps) {
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
