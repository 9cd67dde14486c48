// Registers the shop's webhook endpoint with the payment provider, as `stripe listen` does for a
// local Stripe account (payments.md §5): `npm start` and the soak call it once the sandbox is up,
// then hand the answered `whsec_…` secret to the API as PAYMENT_WEBHOOK_SECRET. With a real
// provider, register the endpoint in its dashboard and set PAYMENT_WEBHOOK_SECRET yourself.

/** The event types the shop's receiver handles (apps/api/src/webhooks/payment-event.ts). */
export const SHOP_WEBHOOK_EVENTS = ['payment_intent.succeeded', 'payment_intent.payment_failed'];

// One page of the provider's list (its maximum); the sandbox keeps at most 16 endpoints per account.
const LIST_LIMIT = 100;

/**
 * Replaces any endpoint already registered for `endpointUrl` (an earlier run's, whose secret is
 * lost) with a new one, and resolves to its id and secret.
 *
 * @param {{ providerUrl: string, secretKey: string, endpointUrl: string, events?: string[] }} options
 * @returns {Promise<{ id: string, secret: string }>}
 */
export async function registerWebhookEndpoint({ providerUrl, secretKey, endpointUrl, events = SHOP_WEBHOOK_EVENTS }) {
  const call = (method, path, form) => providerRequest(providerUrl, secretKey, method, path, form && new URLSearchParams(form));
  const wanted = new URL(endpointUrl).href;
  const existing = await call('GET', `/v1/webhook_endpoints?limit=${LIST_LIMIT}`);
  for (const endpoint of existing.data.filter((candidate) => candidate.url === wanted)) {
    await call('DELETE', `/v1/webhook_endpoints/${encodeURIComponent(endpoint.id)}`);
  }
  const created = await call('POST', '/v1/webhook_endpoints', [['url', wanted], ...events.map((type) => ['enabled_events[]', type])]);
  if (typeof created.secret !== 'string' || !created.secret.startsWith('whsec_'))
    throw new Error('the provider answered a webhook endpoint without its whsec_ secret');
  return { id: created.id, secret: created.secret };
}

async function providerRequest(providerUrl, secretKey, method, path, body) {
  const response = await fetch(new URL(path, providerUrl), {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) },
    body: body?.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(`${method} ${path} at the payment provider answered ${response.status}: ${answer.error?.message ?? 'no Stripe error'}`);
  return answer;
}
