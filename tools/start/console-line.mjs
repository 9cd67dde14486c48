// What `npm start` shows of its processes' log lines when LOG_LEVEL is unset: one short line per
// request and every warning or error, nothing else. The API and the sandbox write pino's JSON
// (their framework start-up alone is about a hundred lines); with LOG_LEVEL set, start.mjs passes
// their lines on unchanged instead.

// pino's numeric levels (https://getpino.io/#/docs/api?id=levels).
const LEVEL_NAMES = new Map([
  [40, 'WARN'],
  [50, 'ERROR'],
  [60, 'FATAL'],
]);

/**
 * The console line for one line that `processName` wrote to its stdout, or null to leave it out.
 * Request lines count only once `ready` (the banner is out): before, they are start.mjs's own
 * health checks.
 * @param {string} processName e.g. 'api'
 * @param {string} line
 * @param {{ ready: boolean }} state
 * @returns {string | null}
 */
export function consoleLine(processName, line, { ready }) {
  const entry = parseLogEntry(line);
  if (!entry) return null;
  const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toTimeString().slice(0, 8);
  const prefix = `${time} ${processName.padEnd(9)}`;
  if (isRequestCompletion(entry)) return ready ? `${prefix}${requestSummary(entry)}` : null;
  const level = LEVEL_NAMES.get(entry.level);
  if (!level) return null;
  const error = entry.err?.message ? ` (${entry.err.message})` : '';
  return `${prefix}${level} ${entry.msg ?? ''}${error}`;
}

function parseLogEntry(line) {
  if (!line.startsWith('{')) return null;
  try {
    const entry = JSON.parse(line);
    return typeof entry === 'object' && entry !== null && typeof entry.level === 'number' ? entry : null;
  } catch {
    return null;
  }
}

// pino-http's completion line: the request, the response and how long it took.
function isRequestCompletion(entry) {
  return typeof entry.req?.method === 'string' && typeof entry.res?.statusCode === 'number' && typeof entry.responseTime === 'number';
}

function requestSummary({ req, res, responseTime, idempotencyOutcome, idempotencyAttempt }) {
  const idempotency = [idempotencyOutcome, idempotencyAttempt && `attempt ${idempotencyAttempt}`].filter(Boolean).join(', ');
  return `${req.method} ${req.url} → ${res.statusCode} in ${responseTime} ms${idempotency ? ` (${idempotency})` : ''}`;
}
