import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { handleAdminRequest, isAdminRequest } from './admin.handler';
import { type ChaosSettings, DEFAULT_CHAOS_SETTINGS } from './chaos-settings';
import { ChaosState } from './chaos-state';
import { forwardRequest, relayedHeaders, type UpstreamResponse } from './forward-request';
import { CHAOS_FAULT_HEADER, dropConnection, endToEndHeaders, readBody, sendProblem } from './http-messages';
import { UpstreamPool } from './upstream-pool';

/** Options of {@link createChaosProxy}. */
export interface ChaosProxyOptions {
  /** Origins of the API processes, e.g. `http://127.0.0.1:3333`, taken round-robin. */
  upstreams: readonly string[];
  /** Initial settings; each defaults to {@link DEFAULT_CHAOS_SETTINGS}. */
  settings?: Partial<ChaosSettings>;
  /** Browser origins allowed to call the admin endpoint. Default: none. */
  corsOrigins?: readonly string[];
}

/** A fault-injecting reverse proxy (not yet listening). */
export interface ChaosProxy {
  readonly server: Server;
  readonly state: ChaosState;
  /** Starts listening; resolves to the port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting, drops open connections, and resolves when closed. */
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of one or more API processes that injects, per request and with the
 * configured rates, the three failure scenarios (request lost, server failure, response lost)
 * and latency; see `FAULT_KINDS`. Only routes in `settings.routes` get faults.
 */
export function createChaosProxy(options: ChaosProxyOptions): ChaosProxy {
  const state = new ChaosState({ ...DEFAULT_CHAOS_SETTINGS, ...options.settings });
  const pool = new UpstreamPool(options.upstreams);
  const agent = new Agent({ keepAlive: true });
  const corsOrigins = options.corsOrigins ?? [];

  const server = createServer((req, res) => {
    // A client that gives up mid-request is normal here; it must not take the proxy down.
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    const handling = isAdminRequest(req.url ?? '/') ? handleAdminRequest(req, res, state, corsOrigins) : proxy(req, res, state, pool, agent);
    handling.catch((error: unknown) => sendProblem(res, 500, 'Internal Server Error', `chaos proxy: ${(error as Error).message}`));
  });

  return {
    server,
    state,
    listen: (port, host = '127.0.0.1') =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

// One request, in phases: decide; lose it; read it; delay it; forward it (marked for a server
// failure); lose the answer, or relay it.
async function proxy(req: IncomingMessage, res: ServerResponse, state: ChaosState, pool: UpstreamPool, agent: Agent): Promise<void> {
  const method = req.method ?? 'GET';
  const url = req.url ?? '/';
  const decision = state.decide(method, url);
  if (decision === 'request-lost') return dropConnection(req);

  const body = await readBody(req);
  if (decision === 'latency') await delay(state.settings.latencyMs);
  // Clients may not ask for a fault: only the proxy's own decision sets the header.
  const headers = endToEndHeaders(req.headers, [CHAOS_FAULT_HEADER]);
  if (decision === 'server-failure') headers[CHAOS_FAULT_HEADER] = 'server-failure';

  let response: UpstreamResponse;
  try {
    response = await forwardRequest({ method, url, headers, body }, pool.nextOrder(), agent);
  } catch (error) {
    state.countUpstreamError();
    return sendProblem(res, 502, 'Bad Gateway', `chaos proxy: no answer from the API (${describe(error)}).`);
  }
  if (decision === 'response-lost') return dropConnection(req);
  relay(req, res, response);
}

function relay(req: IncomingMessage, res: ServerResponse, response: UpstreamResponse): void {
  // After a latency fault the client has usually given up: the late answer has nowhere to go.
  if (req.socket.destroyed) return;
  res.writeHead(response.status, relayedHeaders(response));
  res.end(response.body);
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code ?? message;
}
