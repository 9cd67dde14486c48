import { createServer, request as forward, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback proxy in front of the API that passes every request on, headers included, and loses
 * the answer to the next request after {@link LostAnswerProxy.loseNextAnswer}: the API did the
 * work, the client's connection is reset (the lost response of a checkout).
 */
export interface LostAnswerProxy {
  url: string;
  loseNextAnswer(): void;
  close(): Promise<void>;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade'];

export async function startLostAnswerProxy(apiUrl: string): Promise<LostAnswerProxy> {
  const upstream = new URL(apiUrl);
  let loseNext = false;
  const server = createServer((incoming, outgoing) => {
    const lose = loseNext;
    loseNext = false;
    const headers = endToEnd(incoming.headers, upstream.host);
    const proxied = forward({ hostname: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers }, (answer) => {
      if (lose) {
        answer.resume();
        answer.once('end', () => incoming.socket.destroy());
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(outgoing);
    });
    proxied.once('error', () => incoming.socket.destroy());
    incoming.pipe(proxied);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    loseNextAnswer: () => (loseNext = true),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function endToEnd(headers: IncomingHttpHeaders, host?: string): IncomingHttpHeaders {
  const kept = Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.includes(name)));
  return host ? { ...kept, host } : kept;
}
