import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery as the relay received it: the raw body, its signature and trace context, untouched. */
export interface RelayedDelivery {
  body: string;
  signature: string | undefined;
  /** The W3C trace context the sender sent, passed on as a proxy would. */
  traceparent: string | undefined;
  /** What the relay answered the sender. */
  status: number;
}

/**
 * The URL a test registers with the sandbox before the API under test listens (its port is only
 * known then): it keeps every delivery as sent, for the official SDK to verify, and forwards it
 * to the API once {@link WebhookRelay.forwardTo} names it; until then, or while `refuse` is on,
 * it answers 503, which the sandbox retries on its schedule.
 */
export interface WebhookRelay {
  /** `http://127.0.0.1:<port>/webhooks/payments` */
  url: string;
  readonly deliveries: readonly RelayedDelivery[];
  forwardTo(apiUrl: string | undefined): void;
  close(): Promise<void>;
}

export async function startWebhookRelay(): Promise<WebhookRelay> {
  const deliveries: RelayedDelivery[] = [];
  let apiUrl: string | undefined;
  const server = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const signature = request.headers['stripe-signature'] as string | undefined;
      const traceparent = request.headers.traceparent as string | undefined;
      let status = 503;
      let answer = '{"error":"the shop is not listening yet"}';
      if (apiUrl) {
        const forwarded = await fetch(`${apiUrl}${request.url}`, {
          method: 'POST',
          headers: {
            'Content-Type': request.headers['content-type'] ?? 'application/json',
            ...(signature ? { 'Stripe-Signature': signature } : {}),
            ...(traceparent ? { traceparent } : {}),
          },
          body,
        });
        status = forwarded.status;
        answer = await forwarded.text();
      }
      deliveries.push({ body, signature, traceparent, status });
      response.writeHead(status, { 'Content-Type': 'application/json' });
      response.end(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/payments`,
    deliveries,
    forwardTo: (url) => (apiUrl = url),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
