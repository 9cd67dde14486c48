// The soak's webhook endpoints at the sandbox (payments.md §5): the shop's, reached through the
// customer proxy (the webhook hop gets its faults), and the naive receiver's.
import { PROVIDER_SECRET_KEY } from './payment-sandbox';

const EVENTS = ['payment_intent.succeeded', 'payment_intent.payment_failed'];

/** Registers an endpoint for `url` at the sandbox (a fresh database: nothing to replace) and resolves to its `whsec_` secret. */
export async function createWebhookEndpoint(sandboxUrl: string, url: string): Promise<string> {
  const form = new URLSearchParams([['url', url], ...EVENTS.map((type): [string, string] => ['enabled_events[]', type])]);
  const response = await fetch(`${sandboxUrl}/v1/webhook_endpoints`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${PROVIDER_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
    signal: AbortSignal.timeout(10_000),
  });
  const endpoint = (await response.json()) as { secret?: string; error?: { message?: string } };
  if (!response.ok || !endpoint.secret) throw new Error(`registering the webhook endpoint ${url} failed: ${response.status} ${endpoint.error?.message ?? ''}`);
  return endpoint.secret;
}
