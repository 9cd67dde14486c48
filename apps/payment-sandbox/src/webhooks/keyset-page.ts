/** A row's position in a newest-first list: (created_at, id), both descending. */
export interface ListPosition {
  id: string;
  createdAt: Date;
}

/** Newest first, ties broken by id: the order of every list, which its index answers. */
export const NEWEST_FIRST = [{ createdAt: 'desc' }, { id: 'desc' }] as const;

/**
 * The Prisma `where` of the rows after `cursor` in {@link NEWEST_FIRST} order (keyset pagination:
 * a page stays stable while new rows arrive, since they sort before the cursor).
 */
export function after(cursor: ListPosition) {
  return { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] };
}

/** `limit + 1` rows fetched → the page and whether more follow. */
export function toPage<T>(rows: T[], limit: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
}
