// What `npm start` prints once everything is up: where each process is, and what the console
// shows from then on.

/**
 * @typedef {{ browserHost: string, storefrontPort: number, apiPort: number, sandboxPort: number, chaosProxyPort: number, providerProxyPort: number }} DemoUrls
 * @typedef {{ quiet: boolean, logLevel?: string, providerFaultRoutes: string }} ConsoleMode
 */

/** @param {DemoUrls} urls @param {ConsoleMode} mode */
export function banner(urls, mode) {
  const { browserHost, storefrontPort, apiPort, sandboxPort } = urls;
  return `
Safe Checkout is running:
  Storefront http://${browserHost}:${storefrontPort}
  API        http://${browserHost}:${apiPort}   (OpenAPI: http://${browserHost}:${apiPort}/docs, health: /health)
  Payments   http://${browserHost}:${sandboxPort}   (payment provider sandbox, Stripe's PaymentIntents API; key ${process.env.PAYMENT_PROVIDER_SECRET_KEY ? 'from PAYMENT_PROVIDER_SECRET_KEY' : 'sk_test_safe_checkout_sandbox'})
  Demo users alice@example.com / bob@example.com, password demo-password (demo only)
${consoleHint(mode)}
Press Ctrl-C to stop.`;
}

function consoleHint({ quiet, logLevel }) {
  return quiet
    ? "One line per request follows (LOG_LEVEL=info npm start: every process's JSON logs)."
    : `Log lines of every process follow (LOG_LEVEL=${logLevel}).`;
}

/** @param {DemoUrls} urls @param {ConsoleMode} mode */
export function chaosBanner(urls, mode) {
  const { browserHost, storefrontPort, apiPort, sandboxPort, chaosProxyPort, providerProxyPort } = urls;
  return `
Safe Checkout is running in CHAOS MODE (demo): both network hops of a checkout go through a
fault-injecting proxy, the storefront's API calls and the API's charges. All faults start at 0 %;
turn them on in the cart's "Demo: network chaos" panel ("Browser → API", "API → payment provider").
  Storefront      http://${browserHost}:${storefrontPort}   (chaos panel: http://${browserHost}:${storefrontPort}/cart)
  Chaos proxy     http://${browserHost}:${chaosProxyPort}   (browser → API; admin: GET/PUT http://${browserHost}:${chaosProxyPort}/__chaos; faults on ${process.env.CHAOS_ROUTES || 'POST /orders'})
  API             http://${browserHost}:${apiPort}   (chaos entry point; direct, without faults; OpenAPI: /docs)
  Provider proxy  http://${browserHost}:${providerProxyPort}   (API → payment provider; admin: GET/PUT http://${browserHost}:${providerProxyPort}/__chaos; faults on ${mode.providerFaultRoutes})
  Payments        http://${browserHost}:${sandboxPort}   (payment provider sandbox, chaos entry point; direct, without faults)
  Demo users      alice@example.com / bob@example.com, password demo-password (demo only)
${consoleHint(mode)}
Press Ctrl-C to stop.`;
}
