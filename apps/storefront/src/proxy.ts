import { NextResponse, type NextRequest } from 'next/server';
import { connectOriginsFromEnv, contentSecurityPolicy } from '@/lib/security/content-security-policy';

/**
 * Next.js Proxy (formerly middleware): a fresh nonce and Content-Security-Policy for every page.
 * The policy goes on the request too, where Next.js reads the nonce and puts it on the scripts it
 * renders; this is why every page renders per request (`layout.tsx` does anyway).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const policy = contentSecurityPolicy({ nonce, connectOrigins: connectOriginsFromEnv(), development: process.env.NODE_ENV === 'development' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Pages only: static files carry no scripts to nonce, and prefetches are not documents.
      source: '/((?!_next/static|_next/image|icon.svg|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
