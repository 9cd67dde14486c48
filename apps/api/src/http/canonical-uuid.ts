const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The canonical (lower-case) form of a UUID; any other value is returned unchanged, for the
 * validation or lookup that follows to judge. RFC 9562 §4: UUIDs are case-insensitive on input
 * and written in lower case; PostgreSQL answers in lower case, so every id the API compares or
 * looks up must be lower case too.
 *
 * @example
 * canonicalUuid('8E03978E-40D5-43E8-BC93-6894A57F9324'); // '8e03978e-40d5-43e8-bc93-6894a57f9324'
 * canonicalUuid('not-a-uuid'); // 'not-a-uuid'
 */
export function canonicalUuid<T>(value: T): T | string {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : value;
}
