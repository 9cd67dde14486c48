// Plain POSTs on kept-alive sockets (node's http.Agent): a storm sent wave after wave reuses its
// connections as a flood's closed loop does, instead of opening a thousand new ones per wave, whose
// set-up and tear-down the load generator and the API would pay on the same two cores.
import http from 'node:http';

/** What one POST got: its status and whether it was a replay, or no answer at all. */
export type PostAnswer = { status: number; replayed: boolean } | { error: string };

/** A pool of kept-alive sockets to one origin. */
export interface KeepAlivePosts {
  /** Sends one POST with a JSON body; never rejects (a socket error or timeout is an answer too). */
  post: (path: string, headers: Record<string, string>, body: string) => Promise<PostAnswer>;
  /** Closes every socket. */
  close: () => void;
}

/** Sockets to `origin`, at most `sockets` open: as many requests in flight at once. */
export function keepAlivePosts(origin: string, sockets: number, timeoutMs: number): KeepAlivePosts {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets, scheduling: 'fifo' });
  const { hostname, port } = new URL(origin);
  const post = (path: string, headers: Record<string, string>, body: string) =>
    new Promise<PostAnswer>((resolve) => {
      const request = http.request(
        { agent, hostname, port, path, method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, timeout: timeoutMs },
        (response) => {
          response.resume();
          response.on('end', () => resolve({ status: response.statusCode ?? 0, replayed: response.headers['idempotent-replayed'] === 'true' }));
          response.on('error', (error) => resolve({ error: error.message }));
        },
      );
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', (error) => resolve({ error: error.message }));
      request.end(body);
    });
  return { post, close: () => agent.destroy() };
}
