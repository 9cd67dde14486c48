import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { PendingCheckoutCheck } from '@/components/checkout/pending-checkout-check';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { ApiProvider } from '@/components/providers/api-provider';
import { ChaosAdminProvider } from '@/components/demo/chaos/chaos-admin-provider';
import { apiBaseUrlFromEnv, chaosAdminUrlsFromEnv } from '@/lib/storefront-config';
import '@/styles/tokens.css';
import '@/styles/base.css';
import '@/styles/primitives.css';

export const metadata: Metadata = {
  title: { default: 'Safe Checkout', template: '%s · Safe Checkout' },
  description: 'A shop that recovers from network failures without ever ordering twice.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Render per request, so that SAFE_CHECKOUT_API_URL (and the chaos demo's admin URLs) are read
  // when the server runs, not baked in at build time.
  await connection();
  const apiBaseUrl = apiBaseUrlFromEnv();
  const chaos = chaosAdminUrlsFromEnv();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <ApiProvider baseUrl={apiBaseUrl}>
          <ChaosAdminProvider adminUrl={chaos.browserApi} providerAdminUrl={chaos.apiProvider}>
            <PendingCheckoutCheck />
            <SiteHeader />
            <main id="main" className="container main" tabIndex={-1}>
              {children}
            </main>
            <SiteFooter apiBaseUrl={apiBaseUrl} chaosDemo={chaos.browserApi !== null} />
          </ChaosAdminProvider>
        </ApiProvider>
      </body>
    </html>
  );
}
