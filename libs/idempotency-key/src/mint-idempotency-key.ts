/**
 * A fresh key for a new logical operation: a UUIDv4. `crypto.randomUUID` exists only in secure
 * contexts (https, localhost): a page opened over plain http on a LAN address (the storefront demo
 * on a phone) still gets a key from `crypto.getRandomValues`, which every context has.
 *
 * @example
 * mintIdempotencyKey(); // → '8e03978e-40d5-43e8-bc93-6894a57f9324'
 */
export function mintIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
