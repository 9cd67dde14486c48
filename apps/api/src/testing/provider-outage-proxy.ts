import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the proxy saw. */
export interface SeenProviderRequest {
  atMs: number;
  method: string;
  path: string;
  /** The charge's derived key. */
  idempotencyKey?: string;
  /** `Idempotency-Attempt`: 1 for a charge's first attempt. */
  attempt?: number;
  /** What the proxy answered. */
  status: number;
}

/** A payment provider that answers 503 with `Retry-After` during an outage, and the sandbox's own answers otherwise. */
export interface ProviderOutageProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  readonly seen: readonly SeenProviderRequest[];
  /** Answers 503 + `Retry-After: retryAfterSeconds` to every request until {@link end} is called. */
  begin(retryAfterSeconds: number): void;
  end(): void;
  close(): Promise<void>;
}

/** A loopback proxy in front of the sandbox at `sandboxUrl`, to count the requests a provider gets while it asks for a pause. */
export async function startProviderOutageProxy(sandboxUrl: string): Promise<ProviderOutageProxy> {
  const seen: SeenProviderRequest[] = [];
  let retryAfterSeconds: number | undefined;
  const server = createServer((request, response) => {
    void readBody(request).then(async (body) => {
      const record = (status: number) =>
        seen.push({
          atMs: Date.now(),
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          idempotencyKey: request.headers['idempotency-key'] as string | undefined,
          attempt: Number(request.headers['idempotency-attempt']) || undefined,
          status,
        });
      if (retryAfterSeconds !== undefined) {
        record(503);
        response.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(retryAfterSeconds) });
        response.end(JSON.stringify({ error: { type: 'api_error', message: 'The provider is overloaded.' } }));
        return;
      }
      const forwarded = await fetch(`${sandboxUrl}${request.url}`, {
        method: request.method,
        headers: forwardedHeaders(request),
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
      });
      record(forwarded.status);
      const headers: Record<string, string> = { 'Content-Type': forwarded.headers.get('content-type') ?? 'application/json' };
      const replayed = forwarded.headers.get('idempotent-replayed');
      if (replayed) headers['Idempotent-Replayed'] = replayed;
      response.writeHead(forwarded.status, headers);
      response.end(await forwarded.text());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    begin: (seconds) => (retryAfterSeconds = seconds),
    end: () => (retryAfterSeconds = undefined),
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

function forwardedHeaders(request: IncomingMessage): Record<string, string> {
  const names = ['authorization', 'content-type', 'idempotency-key', 'idempotency-attempt'];
  return Object.fromEntries(names.filter((name) => typeof request.headers[name] === 'string').map((name) => [name, request.headers[name] as string]));
}
