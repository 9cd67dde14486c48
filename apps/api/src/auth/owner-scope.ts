/**
 * Fail-closed scoping of data access to the caller. In a Prisma `where`, a key whose value is
 * `undefined` is dropped, so `{ userId: undefined }` means "every user's rows", and an object is a
 * filter (`{ userId: { not: id } }`): one bad id would turn "my orders" into "everyone's orders".
 * Every query scoped to the caller takes the
 * caller's id through here, which throws (a 500, never data) on anything but a non-empty string.
 *
 * @example
 * prisma.order.findMany({ where: ownedBy(caller.id) });
 */
export function ownedBy(userId: unknown): { userId: string } {
  return { userId: requireOwnerId(userId) };
}

/** The caller's id, checked like {@link ownedBy}: for queries on the caller's own row (`where: { id }`). */
export function requireOwnerId(userId: unknown): string {
  if (typeof userId !== 'string' || userId === '') {
    throw new Error(`refusing an unscoped data access: the owner id must be a non-empty string, got ${describe(userId)}`);
  }
  return userId;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? 'an empty string' : typeof value;
}
