import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { parseSettingsPatch } from './chaos-settings';
import type { ChaosState } from './chaos-state';
import { readBody, sendJson, sendProblem } from './http-messages';

/** Path of the admin endpoint; never forwarded to the API. */
export const ADMIN_PATH = '/__chaos';

/** Longest admin body accepted, in bytes: a settings patch is a few hundred. */
const MAX_ADMIN_BODY_BYTES = 16 * 1024;

export function isAdminRequest(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path === ADMIN_PATH || path === `${ADMIN_PATH}/`;
}

/**
 * `GET /__chaos`: the settings and counts. `PUT /__chaos` with a JSON patch (`rates`, `latencyMs`,
 * `routes`, `seed`, `resetCounts`, every field optional): applies it and answers like GET; an
 * invalid patch is 400 and changes nothing. Answers CORS for `corsOrigins`, so that the
 * storefront's chaos panel can call it from the browser.
 */
export async function handleAdminRequest(req: IncomingMessage, res: ServerResponse, state: ChaosState, corsOrigins: readonly string[]): Promise<void> {
  const cors = corsHeaders(req.headers.origin, corsOrigins);
  switch (req.method) {
    case 'OPTIONS':
      res.writeHead(204, {
        ...cors,
        'access-control-allow-methods': 'GET, PUT, OPTIONS',
        'access-control-allow-headers': 'Content-Type',
        'access-control-max-age': '600',
      });
      res.end();
      return;
    case 'GET':
      sendJson(res, 200, state.snapshot(), { ...cors, 'cache-control': 'no-store' });
      return;
    case 'PUT':
      return updateSettings(req, res, state, cors);
    default:
      sendProblem(res, 405, 'Method Not Allowed', `${ADMIN_PATH} supports GET and PUT.`, { ...cors, allow: 'GET, PUT, OPTIONS' });
  }
}

async function updateSettings(req: IncomingMessage, res: ServerResponse, state: ChaosState, cors: OutgoingHttpHeaders): Promise<void> {
  const raw = await readBody(req);
  if (raw.length > MAX_ADMIN_BODY_BYTES) return sendProblem(res, 413, 'Content Too Large', `At most ${MAX_ADMIN_BODY_BYTES} bytes.`, cors);
  try {
    state.update(parseSettingsPatch(JSON.parse(raw.toString('utf8') || '{}')));
  } catch (error) {
    const detail = error instanceof SyntaxError ? `The body is not JSON: ${error.message}` : (error as Error).message;
    return sendProblem(res, 400, 'Bad Request', detail, cors);
  }
  sendJson(res, 200, state.snapshot(), { ...cors, 'cache-control': 'no-store' });
}

function corsHeaders(origin: string | undefined, allowed: readonly string[]): OutgoingHttpHeaders {
  if (!origin || !allowed.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}
