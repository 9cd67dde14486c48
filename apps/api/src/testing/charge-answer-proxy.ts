import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What happens to the provider's answer to a charge (POST /v1/payment_intents) after the provider made it. */
export type ChargeAnswerFate = 'delivered' | 'held' | 'lost';

/**
 * A loopback proxy in front of the sandbox that always lets a charge reach the provider, then
 * delivers its answer, holds it until {@link ChargeAnswerProxy.release}, or loses it (the socket
 * is destroyed: the charge happened, the shop never hears of it). Other requests pass through.
 */
export interface ChargeAnswerProxy {
  url: string;
  /** Charges the provider has made through this proxy (including replays of the same key). */
  readonly chargesForwarded: number;
  setFate(fate: ChargeAnswerFate): void;
  /** Resolves once a charge's answer is being held. */
  answerHeld(): Promise<void>;
  /** Sends every held answer, and delivers the next ones. */
  release(): void;
  close(): Promise<void>;
}

export async function startChargeAnswerProxy(sandboxUrl: string): Promise<ChargeAnswerProxy> {
  let fate: ChargeAnswerFate = 'delivered';
  let chargesForwarded = 0;
  let held: (() => void)[] = [];
  let onHeld: (() => void) | undefined;
  const server = createServer((request, response) => {
    void forward(sandboxUrl, request).then(({ status, headers, body }) => {
      const isCharge = request.method === 'POST' && request.url === '/v1/payment_intents';
      const send = () => answer(response, status, headers, body);
      if (isCharge) chargesForwarded++;
      if (!isCharge || fate === 'delivered') return send();
      if (fate === 'lost') return request.socket.destroy();
      held.push(send);
      onHeld?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get chargesForwarded() {
      return chargesForwarded;
    },
    setFate: (next) => (fate = next),
    answerHeld: () => (held.length > 0 ? Promise.resolve() : new Promise<void>((resolve) => (onHeld = resolve))),
    release: () => {
      fate = 'delivered';
      for (const send of held) send();
      held = [];
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function forward(sandboxUrl: string, request: IncomingMessage): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const body = await readBody(request);
  const names = ['authorization', 'content-type', 'idempotency-key', 'idempotency-attempt', 'traceparent'];
  const headers = Object.fromEntries(names.filter((name) => typeof request.headers[name] === 'string').map((name) => [name, request.headers[name] as string]));
  const forwarded = await fetch(`${sandboxUrl}${request.url}`, {
    method: request.method,
    headers,
    body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
  });
  const answerHeaders: Record<string, string> = { 'Content-Type': forwarded.headers.get('content-type') ?? 'application/json' };
  const replayed = forwarded.headers.get('idempotent-replayed');
  if (replayed) answerHeaders['Idempotent-Replayed'] = replayed;
  return { status: forwarded.status, headers: answerHeaders, body: await forwarded.text() };
}

function answer(response: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  response.writeHead(status, headers);
  response.end(body);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
