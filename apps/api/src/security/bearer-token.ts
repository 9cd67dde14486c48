// RFC 6750 §2.1: credentials = "Bearer" 1*SP b64token, where b64token is RFC 9110's token68. We
// accept exactly one space and nothing after the token: `Bearer <token> junk`, a tab, a second
// token or a comma-separated list are not a bearer credential, whatever a lenient split would read.
// The scheme itself is case-insensitive (RFC 9110 §11.1), so `bearer` is the same scheme.
const BEARER_CREDENTIALS = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * The token of an `Authorization: Bearer <token>` header value, or `undefined` when the value is
 * anything else (absent, another scheme, extra whitespace or text, characters outside token68).
 *
 * @example bearerToken('Bearer eyJ.eyJ.sig') // 'eyJ.eyJ.sig'
 * @example bearerToken('Bearer eyJ.eyJ.sig junk') // undefined
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  return authorization?.match(BEARER_CREDENTIALS)?.[1];
}
