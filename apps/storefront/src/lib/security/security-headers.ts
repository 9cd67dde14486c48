/**
 * Headers every storefront response carries, pages and static files alike (`next.config.ts`).
 * The Content-Security-Policy is per response, with its nonce (`src/proxy.ts`).
 */
export const SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  // For browsers without CSP `frame-ancestors`: no other site may frame the shop (clickjacking).
  { key: 'X-Frame-Options', value: 'DENY' },
  // A file is what its Content-Type says, never sniffed into a script or a stylesheet.
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Other origins (the API included) see only the shop's origin, never a path such as /orders/<id>.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];
