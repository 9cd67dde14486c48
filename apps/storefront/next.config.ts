import path from 'node:path';
import type { NextConfig } from 'next';

/**
 * Headers every storefront response carries, pages and static files alike. The
 * Content-Security-Policy is per response, with its nonce (`src/proxy.ts`). Written here, not
 * imported: `next start` compiles this file alone and cannot resolve a relative `.ts` import.
 */
const SECURITY_HEADERS = [
  // For browsers without CSP `frame-ancestors`: no other site may frame the shop (clickjacking).
  { key: 'X-Frame-Options', value: 'DENY' },
  // A file is what its Content-Type says, never sniffed into a script or a stylesheet.
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Other origins (the API included) see only the shop's origin, never a path such as /orders/<id>.
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  headers: async () => [{ source: '/:path*', headers: [...SECURITY_HEADERS] }],
  // A self-contained server (`.next/standalone`) for the production image only: the Dockerfile
  // builds with STOREFRONT_OUTPUT=standalone. `npm start` runs `next start`, which warns about it.
  ...(process.env.STOREFRONT_OUTPUT === 'standalone' ? { output: 'standalone' as const } : {}),
  // The workspace libraries live outside this app's folder (libs/*, linked by npm workspaces).
  turbopack: { root: path.join(__dirname, '../..') },
  outputFileTracingRoot: path.join(__dirname, '../..'),
};

export default nextConfig;
