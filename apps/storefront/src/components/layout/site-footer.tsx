import Link from 'next/link';

/** What this is, and which API the storefront talks to (the chaos demo points it at a proxy). */
export function SiteFooter({ apiBaseUrl, chaosDemo }: { apiBaseUrl: string; chaosDemo: boolean }) {
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <p>
          Safe Checkout is a reference app: it recovers from network failures without ever ordering twice. <Link href="/how-it-works">How this works</Link>
        </p>
        <p className="muted">
          API: <code>{apiBaseUrl}</code>
          {chaosDemo && ' (a fault-injecting proxy: set its faults in the cart)'} · Demo accounts only, no real payments.
        </p>
      </div>
    </footer>
  );
}
