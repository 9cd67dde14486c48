import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One `POST /orders` as the proxy saw it. */
export interface SeenOrderPost {
  idempotencyKey: string | undefined;
  /** The connection had carried an earlier request (a kept-alive connection, reused). */
  reusedConnection: boolean;
  /** The proxy let the API answer, then closed the connection without passing the answer on. */
  answerDropped: boolean;
}

export interface AnswerDroppingProxy {
  url: string;
  orderPosts: SeenOrderPost[];
  close(): Promise<void>;
}

/**
 * A plain HTTP proxy in front of `upstream` that, once, lets a `POST /orders` arriving on a reused
 * keep-alive connection reach the API, waits for the API's answer and then closes the connection
 * without a byte of it. A browser re-sends a request by itself when a reused connection closes
 * before any answer (it cannot tell that from a connection the server had timed out), so the
 * page's one try reaches the API twice: what a dropped connection does to a real checkout.
 */
export async function startAnswerDroppingProxy(upstream: string): Promise<AnswerDroppingProxy> {
  const requestsOn = new WeakMap<Socket, number>();
  const orderPosts: SeenOrderPost[] = [];
  let dropped = false;
  const server: Server = createServer((incoming, outgoing) => {
    const served = requestsOn.get(incoming.socket) ?? 0;
    requestsOn.set(incoming.socket, served + 1);
    const isOrderPost = incoming.method === 'POST' && incoming.url === '/orders';
    const drop = isOrderPost && served > 0 && !dropped;
    if (drop) dropped = true;
    if (isOrderPost) orderPosts.push({ idempotencyKey: header(incoming, 'idempotency-key'), reusedConnection: served > 0, answerDropped: drop });
    const upstreamRequest = forward(`${upstream}${incoming.url}`, { method: incoming.method, headers: incoming.headers }, (answer) => {
      if (drop) {
        answer.resume();
        answer.on('end', () => incoming.socket.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    upstreamRequest.on('error', () => incoming.socket.destroy());
    incoming.pipe(upstreamRequest);
  });
  // Keep idle connections open well past a test's pauses, so that the browser reuses them.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    orderPosts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function header(message: IncomingMessage, name: string): string | undefined {
  const value = message.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
