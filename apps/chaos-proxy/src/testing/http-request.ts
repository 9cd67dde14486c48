import { request } from 'node:http';

/** An answer, or the error code of a connection that ended without one. */
export type HttpResult = { status: number; headers: Record<string, string | string[] | undefined>; body: string } | { error: string };

/**
 * One request on a fresh connection (no pooling, so a destroyed connection shows as exactly that).
 * Never rejects: a reset or a timeout resolves to `{ error: code }`.
 */
export function httpRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  return new Promise((resolve) => {
    const outgoing = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks).toString('utf8') }));
      incoming.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    if (options.timeoutMs) outgoing.setTimeout(options.timeoutMs, () => outgoing.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    outgoing.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    outgoing.end(options.body);
  });
}
