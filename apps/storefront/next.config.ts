import path from 'node:path';
import type { NextConfig } from 'next';
import { SECURITY_HEADERS } from './src/lib/security/security-headers';

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
