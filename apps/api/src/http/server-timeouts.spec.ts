import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApi, TestApi } from '../testing/test-api';
import { SERVER_TIMEOUTS } from './server-timeouts';

/** Writes `sent` and never more; resolves with what came back and when the server closed the socket. */
function stall(api: TestApi, sent: string): Promise<{ answer: string; closedAfterMs: number }> {
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(sent));
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
  });
}

// The real values, on a real socket: a late cut-off is at most one checking interval late.
const SLACK_MS = SERVER_TIMEOUTS.connectionsCheckingIntervalMs + 1_000;

describe('server timeouts (SERVER_TIMEOUTS), on the API as createApiApp builds it', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('sets every timeout on the HTTP server', () => {
    const server = api.app.getHttpServer();
    expect(server).toMatchObject({
      headersTimeout: SERVER_TIMEOUTS.headersTimeoutMs,
      requestTimeout: SERVER_TIMEOUTS.requestTimeoutMs,
      keepAliveTimeout: SERVER_TIMEOUTS.keepAliveTimeoutMs,
      maxHeadersCount: SERVER_TIMEOUTS.maxHeadersCount,
      connectionsCheckingInterval: SERVER_TIMEOUTS.connectionsCheckingIntervalMs,
    });
  });

  it(
    'cuts off incomplete headers after headersTimeout, and a body shorter than announced after requestTimeout, with 408',
    async () => {
      const [headers, body] = await Promise.all([
        stall(api, 'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: appl'),
        stall(api, 'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":"'),
      ]);
      expect(headers.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(headers.closedAfterMs).toBeGreaterThanOrEqual(SERVER_TIMEOUTS.headersTimeoutMs - 100);
      expect(headers.closedAfterMs).toBeLessThan(SERVER_TIMEOUTS.headersTimeoutMs + SLACK_MS);
      expect(body.answer).toMatch(/^HTTP\/1\.1 408 /);
      expect(body.closedAfterMs).toBeLessThan(SERVER_TIMEOUTS.requestTimeoutMs + SLACK_MS);
    },
    SERVER_TIMEOUTS.requestTimeoutMs + 10_000,
  );
});
