/** Claims of a verified token that its lifetime is judged by (RFC 7519 §4.1.4, §4.1.6), in seconds since the epoch. */
export interface TokenTimes {
  iat?: unknown;
  exp?: unknown;
}

/**
 * How far a token's `iat` may lie in the future, in seconds: API replicas sign and verify each
 * other's tokens, and their clocks may differ by this much (NTP keeps them far closer).
 */
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

/**
 * Why a token's lifetime is refused, or `undefined` when it is acceptable. The signature and
 * `exp` in the past are checked before (jsonwebtoken); this adds what jsonwebtoken leaves optional:
 * - `exp` and `iat` must be present, as whole seconds;
 * - `exp - iat` must not exceed `maxLifetimeSeconds` (`JWT_MAX_LIFETIME_SECONDS`);
 * - `iat` must not lie in the future beyond {@link TOKEN_CLOCK_SKEW_SECONDS}, or a token "issued"
 *   in ten years would pass the lifetime check and live ten years.
 */
export function tokenLifetimeProblem(claims: TokenTimes, maxLifetimeSeconds: number, nowSeconds = Date.now() / 1000): string | undefined {
  const { iat, exp } = claims;
  if (!Number.isInteger(exp)) return 'The bearer token has no expiry.';
  if (!Number.isInteger(iat)) return 'The bearer token has no issue time.';
  if ((exp as number) - (iat as number) > maxLifetimeSeconds) return 'The bearer token lives longer than this API allows.';
  if ((iat as number) > nowSeconds + TOKEN_CLOCK_SKEW_SECONDS) return 'The bearer token was issued in the future.';
  return undefined;
}
