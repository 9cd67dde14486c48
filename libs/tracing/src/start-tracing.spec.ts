import type * as Http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { startTracing } from './start-tracing';
import { tracedRequests } from './traced-requests';

/** Serves one request on loopback through `tracedRequests`, with `http` as the caller loaded it; resolves to whether a span was recording in the handler. */
async function serveOneRequest(http: typeof Http): Promise<boolean> {
  let recording = false;
  const middleware = tracedRequests();
  const server = http.createServer((req, res) =>
    middleware(req, res, () => {
      recording = trace.getActiveSpan()?.isRecording() ?? false;
      res.end('ok');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await fetch(`http://127.0.0.1:${port}/things/7?page=2`).then((response) => response.text());
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  return recording;
}

// `http` is required inside the tests: the instrumentations patch a module when it is required
// after startTracing, as in an entry point that starts tracing first.
describe('startTracing(serviceName, env)', () => {
  afterEach(() => {
    trace.disable();
    context.disable();
    propagation.disable();
  });

  it('registers nothing without an OTLP endpoint or exporter: no provider, no patched module, no span', async () => {
    expect(startTracing('test-service', {})).toBeUndefined();

    const http = jest.requireActual<typeof Http>('node:http');
    expect(http.createServer).toBe(http.createServer);
    expect(Object.prototype.hasOwnProperty.call(http.Server.prototype.emit, '__wrapped')).toBe(false);
    expect(await serveOneRequest(http)).toBe(false);
  });

  it("when on, serves each request in one server span, the http instrumentation's, named and described by tracedRequests, without the query", async () => {
    // The console exporter: Jest cannot load the OTLP exporter's transport (a dynamic import).
    const exported = jest.spyOn(console, 'dir').mockImplementation(() => undefined);
    const tracing = startTracing('test-service', { OTEL_TRACES_EXPORTER: 'console' });

    const http = jest.requireActual<typeof Http>('node:http');
    expect(await serveOneRequest(http)).toBe(true);
    await tracing?.shutdown();

    const spans = exported.mock.calls.map(([span]) => span as { name: string; kind: number; attributes: Record<string, unknown> });
    const served = spans.filter((span) => span.kind === SpanKind.SERVER);
    expect(served).toEqual([
      expect.objectContaining({ name: 'GET /things/7', attributes: expect.objectContaining({ 'http.response.status_code': 200, 'url.path': '/things/7' }) }),
    ]);
    expect(JSON.stringify(served)).not.toContain('page=2');
  });
});
