import { connect, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startTestApi, TestApi } from '../testing/test-api';
import { JSON_BODY_LIMIT_BYTES } from './json-body-policy';

/** Sends `head` and a 10-byte start of the body, then reads until the server closes the connection. */
function sendShortBody(api: TestApi, contentLength: string): Promise<{ answer: string; closedAfterMs: number }> {
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket: Socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve({ answer, closedAfterMs: Date.now() - started }));
    socket.on('error', reject);
    socket.write(`POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n{"email":`);
  });
}

describe('a body announced larger than the limit (Content-Length), before it is read', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it.each(['200000', '10000000000'])(
    'answers Content-Length: %s with 10 bytes sent 413 payload-too-large at once, and closes the connection',
    async (length) => {
      const { answer, closedAfterMs } = await sendShortBody(api, length);
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/\r\nconnection: close\r\n/i);
      expect(answer).toMatch(/\/problems\/payload-too-large/);
      expect(closedAfterMs).toBeLessThan(2_000);
    },
  );

  it('still reads a body announced exactly at the limit', async () => {
    const body = JSON.stringify({ email: 'alice@example.com', password: 'x'.repeat(JSON_BODY_LIMIT_BYTES) }).slice(0, JSON_BODY_LIMIT_BYTES);
    const answer = await api.http().post('/auth/login').set('Content-Type', 'application/json').send(body);
    // Read and parsed (cut short, so malformed): not refused by its announced size.
    expect(answer.status).toBe(400);
    expect(answer.body.type).toMatch(/\/problems\/malformed-json$/);
  });
});
