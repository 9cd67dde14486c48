// Plain POSTs on kept-alive sockets, one request in flight per socket, as node's http.Agent with
// keep-alive sends them, but with each request's bytes built once (`prepare`) and written as one
// buffer, and only what the storm reads parsed from the answer (status, `Idempotent-Replayed`, the
// body's length). The load generator shares the two cores with the API: node's HTTP client cost
// the storm about 0.2–0.3 ms of CPU per copy, a fifth of what the API spent answering it.
import net from 'node:net';
import { parseAnswerHead, readAnswerBody, type AnswerHead } from './http-answer';

/** What one POST got: its status and whether it was a replay, or no answer at all. */
export type PostAnswer = { status: number; replayed: boolean } | { error: string };

/** A pool of kept-alive sockets to one origin. */
export interface KeepAlivePosts {
  /** The bytes of a POST with a JSON body: request line, `Host`, `Connection: keep-alive`, `headers`, `Content-Length`, body. */
  prepare: (path: string, headers: Record<string, string>, body: string) => Buffer;
  /** Sends prepared bytes on a free socket (a new one if none is free and fewer than the pool's are open); never rejects. */
  send: (request: Buffer) => Promise<PostAnswer>;
  /** `send(prepare(…))`. */
  post: (path: string, headers: Record<string, string>, body: string) => Promise<PostAnswer>;
  /** Closes every socket. */
  close: () => void;
}

// Below the API's keepAliveTimeout (5 s, server-timeouts.ts), as nginx's upstream keep-alive (4 s):
// a socket idle longer is closed here, never reused as the server closes it (the request would be lost).
const IDLE_SOCKET_MS = 4_000;

interface PooledSocket {
  socket: net.Socket;
  idleSince: number;
  /** The request in flight on it, if any. */
  answer?: (answer: PostAnswer) => void;
}

/** Sockets to `origin`, at most `sockets` open: as many requests in flight at once, the others queued in order. */
export function keepAlivePosts(origin: string, sockets: number, timeoutMs: number): KeepAlivePosts {
  const { hostname, port, host } = new URL(origin);
  const open = new Set<PooledSocket>();
  const free: PooledSocket[] = [];
  const queue: { request: Buffer; resolve: (answer: PostAnswer) => void }[] = [];
  let closed = false;

  const release = (pooled: PooledSocket) => {
    const next = queue.shift();
    if (next) return run(pooled, next.request, next.resolve);
    pooled.idleSince = Date.now();
    free.push(pooled);
  };
  const drop = (pooled: PooledSocket, error: string) => {
    if (!open.delete(pooled)) return;
    pooled.socket.destroy();
    const index = free.indexOf(pooled);
    if (index >= 0) free.splice(index, 1);
    pooled.answer?.({ error });
    pooled.answer = undefined;
    const next = queue.shift();
    if (next) send(next.request).then(next.resolve);
  };
  const connect = (): PooledSocket => {
    const pooled: PooledSocket = { socket: net.connect({ host: hostname, port: Number(port), noDelay: true }), idleSince: Date.now() };
    open.add(pooled);
    let head: AnswerHead | undefined;
    let pending: Buffer = Buffer.alloc(0);
    pooled.socket.on('data', (chunk: Buffer) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      head ??= parseAnswerHead(pending);
      if (!head) return;
      const rest = readAnswerBody(head, pending);
      if (rest === undefined) return;
      const { status, replayed, keepAlive } = head;
      [head, pending] = [undefined, rest];
      const answer = pooled.answer;
      pooled.answer = undefined;
      if (!keepAlive) drop(pooled, 'closed');
      else release(pooled);
      answer?.({ status, replayed });
    });
    pooled.socket.on('error', (error) => drop(pooled, error.message));
    pooled.socket.on('close', () => drop(pooled, 'socket closed before the answer'));
    return pooled;
  };
  function run(pooled: PooledSocket, request: Buffer, resolve: (answer: PostAnswer) => void): void {
    const timer = setTimeout(() => drop(pooled, 'timeout'), timeoutMs);
    pooled.answer = (answer) => {
      clearTimeout(timer);
      resolve(answer);
    };
    pooled.socket.write(request);
  }
  function send(request: Buffer): Promise<PostAnswer> {
    return new Promise((resolve) => {
      if (closed) return resolve({ error: 'pool closed' });
      let pooled = free.pop();
      while (pooled && Date.now() - pooled.idleSince >= IDLE_SOCKET_MS) {
        drop(pooled, 'idle');
        pooled = free.pop();
      }
      if (!pooled && open.size >= sockets) return void queue.push({ request, resolve });
      run(pooled ?? connect(), request, resolve);
    });
  }
  const prepare = (path: string, headers: Record<string, string>, body: string) => {
    const bodyBytes = Buffer.from(body);
    const lines = [`POST ${path} HTTP/1.1`, `host: ${host}`, 'connection: keep-alive'];
    for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
    lines.push(`content-length: ${bodyBytes.length}`, '', '');
    return Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bodyBytes]);
  };
  return {
    prepare,
    send,
    post: (path, headers, body) => send(prepare(path, headers, body)),
    close: () => {
      closed = true;
      for (const pooled of [...open]) drop(pooled, 'pool closed');
      for (const { resolve } of queue.splice(0)) resolve({ error: 'pool closed' });
    },
  };
}
