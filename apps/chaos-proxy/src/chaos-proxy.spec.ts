import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ChaosProxy, createChaosProxy } from './chaos-proxy';
import { NO_FAULTS, type FaultKind } from './fault-rates';
import { httpRequest } from './testing/http-request';

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  atMs: number;
}

// A stand-in API on a real socket: records what reaches it and answers like the API would.
async function startUpstream(name: string): Promise<{ url: string; seen: Seen[]; server: Server }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body, atMs: Date.now() });
      res.writeHead(201, { 'content-type': 'application/json', 'access-control-allow-origin': 'http://localhost:4200', 'x-upstream': name });
      res.end(JSON.stringify({ id: `order-${seen.length}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, server };
}

const ORDER = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"items":[]}' };

describe('the chaos proxy in front of a real HTTP server', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: ChaosProxy;
  let proxyUrl: string;

  beforeEach(async () => {
    upstream = await startUpstream('a');
    proxy = createChaosProxy({ upstreams: [upstream.url], settings: { latencyMs: 300 }, corsOrigins: ['http://localhost:4200'] });
    proxyUrl = `http://127.0.0.1:${await proxy.listen(0)}`;
  });
  afterEach(async () => {
    await proxy.close();
    upstream.server.closeAllConnections();
    await new Promise((resolve) => upstream.server.close(resolve));
  });

  const always = (kind: FaultKind) => proxy.state.update({ rates: { ...NO_FAULTS, [kind]: 1 } });

  it('with no faults, relays the request and the answer, CORS headers included', async () => {
    const result = await httpRequest(`${proxyUrl}/orders`, ORDER);
    expect(result).toMatchObject({ status: 201, body: '{"id":"order-1"}', headers: { 'access-control-allow-origin': 'http://localhost:4200' } });
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0]).toMatchObject({ method: 'POST', url: '/orders', body: '{"items":[]}' });
  });

  it('request lost: drops the connection, and the request never reaches the upstream', async () => {
    always('request-lost');
    expect(await httpRequest(`${proxyUrl}/orders`, ORDER)).toEqual({ error: 'ECONNRESET' });
    expect(upstream.seen).toHaveLength(0);
    expect(proxy.state.snapshot().counts['request-lost']).toBe(1);
  });

  it('server failure: forwards the request marked with X-Chaos-Fault and relays the answer', async () => {
    always('server-failure');
    expect(await httpRequest(`${proxyUrl}/orders`, ORDER)).toMatchObject({ status: 201 });
    expect(upstream.seen[0].headers['x-chaos-fault']).toBe('server-failure');
  });

  it('response lost: the upstream gets the request and answers, but the client connection is destroyed', async () => {
    always('response-lost');
    expect(await httpRequest(`${proxyUrl}/orders`, ORDER)).toEqual({ error: 'ECONNRESET' });
    expect(upstream.seen).toHaveLength(1);
  });

  it('latency: forwards late, after the client has timed out', async () => {
    always('latency');
    const sentAt = Date.now();
    expect(await httpRequest(`${proxyUrl}/orders`, { ...ORDER, timeoutMs: 100 })).toEqual({ error: 'TIMEOUT' });
    expect(upstream.seen).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(upstream.seen).toHaveLength(1);
    expect(upstream.seen[0].atMs - sentAt).toBeGreaterThanOrEqual(290);
  });

  it('latency: answers a patient client after the delay', async () => {
    always('latency');
    const sentAt = Date.now();
    expect(await httpRequest(`${proxyUrl}/orders`, ORDER)).toMatchObject({ status: 201 });
    expect(Date.now() - sentAt).toBeGreaterThanOrEqual(290);
  });

  it('passes the W3C trace context (traceparent, tracestate) on, with or without a fault, so a trace crosses the proxy', async () => {
    const traceContext = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'shop=checkout' };
    await httpRequest(`${proxyUrl}/orders`, { ...ORDER, headers: { ...ORDER.headers, ...traceContext } });
    always('server-failure');
    await httpRequest(`${proxyUrl}/orders`, { ...ORDER, headers: { ...ORDER.headers, ...traceContext } });
    always('response-lost');
    await httpRequest(`${proxyUrl}/orders`, { ...ORDER, headers: { ...ORDER.headers, ...traceContext } });
    expect(upstream.seen.map((request) => request.headers)).toEqual([1, 2, 3].map(() => expect.objectContaining(traceContext)));
  });

  it('strips an X-Chaos-Fault header sent by a client: only the proxy may set it', async () => {
    await httpRequest(`${proxyUrl}/orders`, { ...ORDER, headers: { ...ORDER.headers, 'x-chaos-fault': 'server-failure' } });
    expect(upstream.seen[0].headers['x-chaos-fault']).toBeUndefined();
  });

  it('passes other routes through untouched, even when every eligible request gets a fault', async () => {
    always('request-lost');
    expect(await httpRequest(`${proxyUrl}/products`)).toMatchObject({ status: 201 });
    expect(await httpRequest(`${proxyUrl}/orders`)).toMatchObject({ status: 201 });
    expect(proxy.state.snapshot().counts).toMatchObject({ requests: 2, eligible: 0, 'request-lost': 0 });
  });
});

describe('the chaos proxy in front of several upstreams', () => {
  it('takes them in turn, skips one that refuses connections, and answers 502 when none is up', async () => {
    const a = await startUpstream('a');
    const b = await startUpstream('b');
    const proxy = createChaosProxy({ upstreams: [a.url, b.url] });
    const url = `http://127.0.0.1:${await proxy.listen(0)}/products`;
    try {
      const servedBy = async () => ((await httpRequest(url)) as { headers: IncomingHttpHeaders }).headers['x-upstream'];
      expect([await servedBy(), await servedBy(), await servedBy()]).toEqual(['a', 'b', 'a']);

      b.server.closeAllConnections();
      await new Promise((resolve) => b.server.close(resolve));
      expect([await servedBy(), await servedBy()]).toEqual(['a', 'a']);

      a.server.closeAllConnections();
      await new Promise((resolve) => a.server.close(resolve));
      const down = await httpRequest(url);
      expect(down).toMatchObject({ status: 502, headers: { 'content-type': 'application/problem+json' } });
      expect(JSON.parse((down as { body: string }).body)).toMatchObject({ status: 502, title: 'Bad Gateway', detail: expect.stringContaining('ECONNREFUSED') });
      expect(proxy.state.snapshot().counts['upstream-errors']).toBe(1);
    } finally {
      await proxy.close();
    }
  });
});
