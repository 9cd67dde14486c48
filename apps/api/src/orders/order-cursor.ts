/** Where a page of `GET /orders` ends: its last order, by the list's sort key (created_at desc, id desc). */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
// A cursor is about 60 characters; anything much longer was not made by us.
const MAX_CURSOR_LENGTH = 200;

/**
 * The opaque `nextCursor` of a page: base64url of `<createdAt ISO 8601>_<id>`. Opaque so that
 * clients pass it back rather than build one; not signed, because it only ever narrows the
 * caller's own orders (the query is always scoped to the caller: another user's cursor shows
 * the caller's orders older than that point, never theirs).
 *
 * @example
 * encodeOrderCursor({ createdAt: new Date('2026-12-07T12:00:00.000Z'), id: '5c0e…' }); // 'MjAyNi0xMi0wN1Qx…'
 */
export function encodeOrderCursor({ createdAt, id }: OrderCursor): string {
  return Buffer.from(`${createdAt.toISOString()}_${id}`, 'utf8').toString('base64url');
}

/** The cursor `text` stands for, or `undefined` when it is not one that {@link encodeOrderCursor} made. */
export function decodeOrderCursor(text: unknown): OrderCursor | undefined {
  if (typeof text !== 'string' || text.length > MAX_CURSOR_LENGTH || !BASE64URL.test(text)) return undefined;
  const [iso, id, ...rest] = Buffer.from(text, 'base64url').toString('utf8').split('_');
  if (rest.length > 0 || id === undefined || !UUID.test(id)) return undefined;
  const createdAt = new Date(iso);
  // toISOString() round-trips only what it wrote: this refuses other date spellings and bad dates.
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return undefined;
  return { createdAt, id };
}
