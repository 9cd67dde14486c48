import { Agent, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with the next connection or request. */
export type Fault =
  /** The connection is destroyed before the request is read: the request never arrives. */
  | { kind: 'drop-before-request' }
  /** The server fails (or sheds load): it answers `status`, applying nothing. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** The server applies the request, then the connection is destroyed before the response is written. */
  | { kind: 'drop-after-processing' }
  /** The server answers normally after `delayMs`. */
  | { kind: 'slow'; delayMs: number }
  /** The server applies the request and answers. */
  | { kind: 'ok' };

/** A request that reached the server. */
export interface Arrival {
  /** `Date.now()` on arrival. */
  at: number;
  method: string;
  url: string;
  /** The raw `Idempotency-Key` header, quotes included. */
  idempotencyKey?: string;
  /** The raw `Idempotency-Attempt` header. */
  attempt?: string;
}

/**
 * A real HTTP server on 127.0.0.1 (port 0) that plays `faults` in order, then `fallback`. It keeps
 * the results of keyed requests, as an idempotent API does, so a retried POST is replayed, not
 * applied twice. Use its `agent` (no keep-alive) so that every attempt opens its own connection.
 */
export async function startFlakyHttpServer(faults: Fault[], fallback: Fault = { kind: 'ok' }) {
  const queue = [...faults];
  const arrivals: Arrival[] = [];
  const replies = new Map<string, { status: number; body: string }>();
  const timers = new Set<NodeJS.Timeout>();
  let applied = 0;

  const apply = (req: IncomingMessage) => {
    const key = header(req, 'idempotency-key');
    const stored = key ? replies.get(key) : undefined;
    if (stored) return { ...stored, replayed: true };
    applied += 1;
    const reply = { status: req.method === 'POST' ? 201 : 200, body: JSON.stringify({ id: applied }) };
    if (key) replies.set(key, reply);
    return { ...reply, replayed: false };
  };
  const answer = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(body);
  };
  const handle = (req: IncomingMessage, res: ServerResponse, fault: Fault) => {
    if (fault.kind === 'status') return answer(res, fault.status, JSON.stringify(fault.body ?? {}), fault.headers);
    if (fault.kind === 'drop-before-request') return req.socket.destroy();
    if (fault.kind === 'drop-after-processing') {
      apply(req);
      return req.socket.destroy();
    }
    const reply = () => {
      const { status, body, replayed } = apply(req);
      answer(res, status, body, replayed ? { 'idempotent-replayed': 'true' } : {});
    };
    if (fault.kind === 'ok') return reply();
    const timer = setTimeout(() => timers.delete(timer) && reply(), fault.delayMs);
    timers.add(timer);
  };

  const server = createServer((req, res) => {
    arrivals.push({
      at: Date.now(),
      method: req.method ?? '',
      url: req.url ?? '',
      idempotencyKey: header(req, 'idempotency-key'),
      attempt: header(req, 'idempotency-attempt'),
    });
    const fault = queue.shift() ?? fallback;
    req.resume().on('end', () => handle(req, res, fault));
  });
  server.on('connection', (socket) => {
    if (queue[0]?.kind !== 'drop-before-request') return;
    queue.shift();
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const agent = new Agent({ keepAlive: false });

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    agent,
    arrivals,
    /** How many operations the server has applied (replays excluded). */
    get applied() {
      return applied;
    },
    async close(): Promise<void> {
      timers.forEach(clearTimeout);
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The server handle returned by {@link startFlakyHttpServer}. */
export type FlakyHttpServer = Awaited<ReturnType<typeof startFlakyHttpServer>>;

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
