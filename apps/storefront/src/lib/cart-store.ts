import type { CartItem } from './api';
import { browserStore, type BrowserStore } from './browser-store';

/** Most units of one product in a cart: the API accepts at most 1000 per order line. */
export const MAX_QUANTITY = 1000;

function isCart(value: unknown): value is CartItem[] {
  return Array.isArray(value) && value.every((item) => typeof item?.productId === 'string' && Number.isInteger(item?.quantity));
}

export function cartStore(userId: string): BrowserStore<CartItem[]> {
  return browserStore<CartItem[]>('local', `safe-checkout:cart:${userId}`, [], isCart);
}

/** The cart with `quantity` units of the product (0 removes the line), lines in their order. */
export function withQuantity(cart: readonly CartItem[], productId: string, quantity: number): CartItem[] {
  const clamped = Math.max(0, Math.min(MAX_QUANTITY, Math.floor(quantity)));
  const exists = cart.some((item) => item.productId === productId);
  const next = exists
    ? cart.map((item) => (item.productId === productId ? { productId, quantity: clamped } : item))
    : [...cart, { productId, quantity: clamped }];
  return next.filter((item) => item.quantity > 0);
}

export function quantityOf(cart: readonly CartItem[], productId: string): number {
  return cart.find((item) => item.productId === productId)?.quantity ?? 0;
}

/** The same items give the same text, whatever their order. */
export function cartFingerprint(cart: readonly CartItem[]): string {
  return JSON.stringify([...cart].sort((a, b) => a.productId.localeCompare(b.productId)).map((i) => [i.productId, i.quantity]));
}
