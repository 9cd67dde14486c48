import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keepAlivePosts } from './keep-alive-posts';

// A real HTTP server on loopback: what it receives, and on how many connections.
async function startServer(answer: (request: http.IncomingMessage, body: string, response: http.ServerResponse) => void) {
  const received: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  let connections = 0;
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      answer(request, body, response);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, received, connections: () => connections, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('keepAlivePosts(origin, sockets, timeoutMs)', () => {
  it('sends what node’s http client with a keep-alive agent sends: method, path, headers, Host, Connection and Content-Length, and the body', async () => {
    const server = await startServer((_request, _body, response) => response.end('{}'));
    const pool = keepAlivePosts(server.origin, 1, 5_000);
    const headers = { authorization: 'Bearer t', 'content-type': 'application/json', 'idempotency-key': '"k"', prefer: 'wait=10' };
    await pool.post('/orders', headers, '{"é":1}');
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve) =>
      http
        .request(
          `${server.origin}/orders`,
          { agent, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength('{"é":1}')) } },
          (response) => response.resume().on('end', resolve),
        )
        .end('{"é":1}'),
    );
    agent.destroy();
    pool.close();
    await server.close();

    const [lean, node] = server.received;
    expect(lean).toEqual(node);
    expect(lean.body).toBe('{"é":1}');
  });

  it('reads status and Idempotent-Replayed, with Content-Length or chunked bodies, on one kept-alive socket', async () => {
    const server = await startServer((request, _body, response) => {
      response.statusCode = request.url === '/chunked' ? 409 : 201;
      if (request.url === '/replayed') response.setHeader('Idempotent-Replayed', 'true');
      if (request.url === '/chunked') response.write('{"a":');
      response.end('1}');
    });
    const pool = keepAlivePosts(server.origin, 1, 5_000);
    const first = await pool.post('/first', {}, '{}');
    const replayed = await pool.post('/replayed', {}, '{}');
    const chunked = await pool.post('/chunked', {}, '{}');
    pool.close();
    await server.close();

    expect([first, replayed, chunked]).toEqual([
      { status: 201, replayed: false },
      { status: 201, replayed: true },
      { status: 409, replayed: false },
    ]);
    expect(server.connections()).toBe(1);
  });

  it('sends the same prepared bytes many times at once, one socket per request in flight, the rest queued in order', async () => {
    const server = await startServer((_request, body, response) => setTimeout(() => response.end(body), 20));
    const pool = keepAlivePosts(server.origin, 3, 5_000);
    const request = pool.prepare('/orders', { 'content-type': 'application/json' }, '{"n":1}');
    const answers = await Promise.all(Array.from({ length: 10 }, () => pool.send(request)));
    pool.close();
    await server.close();

    expect(answers).toEqual(Array.from({ length: 10 }, () => ({ status: 200, replayed: false })));
    expect(server.received.map((r) => r.body)).toEqual(Array.from({ length: 10 }, () => '{"n":1}'));
    expect(server.connections()).toBe(3);
  });

  it('opens a new socket after the server closes one (Connection: close), and answers a timeout as an error', async () => {
    const server = await startServer((request, _body, response) => {
      if (request.url === '/silent') return;
      response.setHeader('Connection', 'close');
      response.end();
    });
    const pool = keepAlivePosts(server.origin, 1, 300);
    expect(await pool.post('/close', {}, '')).toEqual({ status: 200, replayed: false });
    expect(await pool.post('/close', {}, '')).toEqual({ status: 200, replayed: false });
    expect(await pool.post('/silent', {}, '')).toEqual({ error: 'timeout' });
    pool.close();
    server.close();

    expect(server.connections()).toBe(3);
  });
});
