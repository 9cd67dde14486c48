import { once } from 'node:events';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';

/** One request the receiver got, as it arrived. */
export interface ReceivedDelivery {
  /** The raw body, byte for byte (what the signature covers). */
  body: string;
  signature: string;
  contentType: string | undefined;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read the event field by field
  event: any;
  receivedAt: number;
}

/** How the receiver answers one request: a status, or never (the connection is held open). */
export type ReceiverReply = number | 'hang';

/** A real HTTP server on 127.0.0.1 standing in for the shop's webhook route. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/webhooks` */
  url: string;
  readonly received: ReceivedDelivery[];
  /** Answers the next requests with these, in order; then 200 again. */
  replyWith(...replies: ReceiverReply[]): void;
  /** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedDelivery[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const replies: ReceiverReply[] = [];
  const held = new Set<ServerResponse>();
  let arrived = () => undefined as void;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        body,
        signature: String(request.headers['stripe-signature'] ?? ''),
        contentType: request.headers['content-type'],
        event: JSON.parse(body),
        receivedAt: Date.now(),
      });
      arrived();
      const reply = replies.shift() ?? 200;
      if (reply === 'hang') held.add(response);
      else response.writeHead(reply, { 'Content-Type': 'application/json' }).end('{"received":true}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    replyWith: (...next) => replies.push(...next),
    waitFor: (count, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${received.length} of ${count} deliveries arrived within ${timeoutMs} ms`)), timeoutMs);
        const check = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          resolve(received.slice(0, count));
        };
        arrived = check;
        check();
      }),
    close: async () => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
