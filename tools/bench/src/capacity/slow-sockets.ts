// Half-sent bodies and slow headers: raw sockets that announce more than they send, held open
// until the server answers or closes them, or the window ends (then the bench closes them). How
// long the server holds each is what it costs: a socket, a parser, often a body buffer.
import { connect, type Socket } from 'node:net';
import type { Abuse, AbuseResult } from './abuse';
import type { CapacitySettings } from './capacity-settings';
import { percentile } from './capacity-report';

/** The three kinds, a third of the sockets each. */
const KINDS = [
  { label: 'Content-Length 200000, 10 bytes sent', head: bodyHead(200_000) },
  { label: 'Content-Length 10 GB, 10 bytes sent', head: bodyHead(10_000_000_000) },
  { label: 'headers never finished, 1 byte/s', head: 'POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n' },
] as const;
/** A slow-headers socket sends one more header byte this often. */
const SLOW_HEADER_BYTE_MS = 1_000;

function bodyHead(contentLength: number): string {
  return `POST /auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n\r\n{"email":"`;
}

interface HeldSocket {
  kind: number;
  socket: Socket;
  openedAt: number;
  closedAt?: number;
  status?: string;
  bytes: number;
}

/**
 * `settings.slowSockets` sockets, split over the processes and the three kinds, held for the window
 * or `settings.slowHoldSeconds`, whichever is longer (the checkout load is measured in the window only).
 */
export function slowSockets(urls: string[], settings: CapacitySettings): Abuse {
  return {
    name: 'slow_body',
    description: `${settings.slowSockets} raw sockets to POST /auth/login, held up to ${settings.slowHoldSeconds} s: ${KINDS.map((kind) => kind.label).join('; ')}`,
    run: (seconds) => holdSockets(urls, settings.slowSockets, Math.max(seconds, settings.slowHoldSeconds)),
  };
}

async function holdSockets(urls: string[], count: number, seconds: number): Promise<AbuseResult> {
  const held: HeldSocket[] = Array.from({ length: count }, (_, i) => open(urls[i % urls.length], i % KINDS.length));
  const drip = setInterval(() => {
    for (const entry of held) if (entry.kind === 2 && entry.closedAt === undefined) entry.socket.write('X');
  }, SLOW_HEADER_BYTE_MS);
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  clearInterval(drip);
  const endedAt = Date.now();
  for (const entry of held) entry.socket.destroy();
  const statusCodes: Record<string, number> = {};
  for (const entry of held) statusCodes[entry.status ?? 'none'] = (statusCodes[entry.status ?? 'none'] ?? 0) + 1;
  const answered = held.filter((entry) => entry.status);
  return {
    requests: count,
    seconds,
    statusCodes,
    bytesPerAnswer: answered.length ? answered.reduce((sum, entry) => sum + entry.bytes, 0) / answered.length : undefined,
    errors: 0,
    notes: KINDS.map((kind, index) =>
      holdNote(
        kind.label,
        held.filter((entry) => entry.kind === index),
        endedAt,
      ),
    ),
  };
}

function open(url: string, kind: number): HeldSocket {
  const { hostname, port } = new URL(url);
  const entry: HeldSocket = { kind, socket: connect({ host: hostname, port: Number(port) }), openedAt: Date.now(), bytes: 0 };
  entry.socket.on('connect', () => entry.socket.write(KINDS[kind].head));
  entry.socket.on('data', (chunk: Buffer) => {
    entry.bytes += chunk.length;
    entry.status ??= /^HTTP\/1\.[01] (\d{3})/.exec(chunk.toString('latin1'))?.[1];
  });
  entry.socket.on('error', () => undefined);
  entry.socket.on('close', () => (entry.closedAt ??= Date.now()));
  return entry;
}

/** "…: 100 sockets, 0 closed by the server, held p50 ≥ 8.0 s, max ≥ 8.0 s" (≥: still open when the window ended). */
function holdNote(label: string, entries: HeldSocket[], endedAt: number): string {
  const closed = entries.filter((entry) => entry.closedAt !== undefined && entry.closedAt < endedAt);
  const heldSeconds = entries.map((entry) => ((entry.closedAt !== undefined && entry.closedAt < endedAt ? entry.closedAt : endedAt) - entry.openedAt) / 1000);
  const atLeast = closed.length < entries.length ? '≥ ' : '';
  return `${label}: ${entries.length} sockets, ${closed.length} closed by the server, held p50 ${percentile(heldSeconds, 50).toFixed(1)} s, max ${atLeast}${Math.max(0, ...heldSeconds).toFixed(1)} s`;
}
