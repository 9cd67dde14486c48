// The naive receiver of the soak: what a shop without a processed-events record does with the
// provider's webhooks. It issues a receipt for every payment_intent.succeeded delivery it is
// handed, so every redelivery (a lost answer, the sandbox's duplicated attempts) is one more
// receipt, the contrast to the shop's receiver (payments.md §5).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// A delivery is a few kB; this bounds what the receiver buffers if something else calls it.
const MAX_BODY_BYTES = 64 * 1024;

/** The naive receiver, listening on loopback. */
export interface NaiveWebhookReceiver {
  /** Where the sandbox delivers to. */
  url: string;
  /** Receipts issued per order id. */
  receiptsByOrder(): ReadonlyMap<string, number>;
  stop(): Promise<void>;
}

export async function startNaiveWebhookReceiver(): Promise<NaiveWebhookReceiver> {
  const receipts = new Map<string, number>();
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const orderId = succeededOrderIdOf(body);
      if (orderId) receipts.set(orderId, (receipts.get(orderId) ?? 0) + 1);
      response.writeHead(body === undefined ? 413 : 200, { 'Content-Type': 'application/json' });
      response.end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/payments`,
    receiptsByOrder: () => receipts,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function succeededOrderIdOf(body: string | undefined): string | undefined {
  try {
    const event = JSON.parse(body ?? '') as { type?: string; data?: { object?: { metadata?: { order_id?: unknown } } } };
    const orderId = event.data?.object?.metadata?.order_id;
    return event.type === 'payment_intent.succeeded' && typeof orderId === 'string' ? orderId : undefined;
  } catch {
    return undefined;
  }
}

function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined));
    request.on('error', () => resolve(undefined));
  });
}
