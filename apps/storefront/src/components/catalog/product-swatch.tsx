import type { CSSProperties } from 'react';
import type { Product } from '@/lib/api';
import styles from './catalog.module.css';

/** A product's picture, drawn with CSS from its SKU: no image files, nothing fetched. */
export function ProductSwatch({ product }: { product: Product }) {
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
