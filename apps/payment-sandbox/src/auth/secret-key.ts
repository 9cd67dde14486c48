import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The secret key an `Authorization` header presents, as Stripe accepts it: `Bearer <key>`, or
 * HTTP Basic with the key as user name (`curl -u sk_test_…:`). `undefined` when there is none.
 */
export function presentedSecretKey(authorization: string | undefined): string | undefined {
  const [scheme, credentials, ...rest] = (authorization ?? '').trim().split(/\s+/);
  if (!credentials || rest.length > 0) return undefined;
  switch (scheme.toLowerCase()) {
    case 'bearer':
      return credentials;
    case 'basic':
      return Buffer.from(credentials, 'base64').toString('utf8').split(':')[0] || undefined;
    default:
      return undefined;
  }
}

/** Whether `presented` is `expected`, in time that does not depend on where they differ. */
export function isSecretKey(presented: string, expected: string): boolean {
  // Comparing digests gives equal lengths, as timingSafeEqual needs, without revealing the key's.
  return timingSafeEqual(sha256(presented), sha256(expected));
}

/**
 * The account a secret key belongs to: `acct_` and 16 characters derived from the key. Every
 * PaymentIntent and idempotency key is scoped by it, so sandboxes with different keys (tests
 * running in parallel) never see each other's data. Another key is another account.
 */
export function accountOf(secretKey: string): string {
  return `acct_${sha256(secretKey).toString('base64url').replace(/[-_]/g, '').slice(0, 16)}`;
}

/** The key as Stripe echoes a wrong one: its prefix and last four characters, the rest masked. */
export function maskSecretKey(key: string): string {
  if (key.length <= 12) return '*'.repeat(key.length);
  return `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}`;
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
