// `nx run @safe-checkout/start:test` (part of `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { consoleLine } from './console-line.mjs';

const ready = { ready: true };
const TIME = Date.UTC(2026, 11, 7, 15, 4, 5);
const pino = (fields) => JSON.stringify({ level: 30, time: TIME, pid: 1, hostname: 'h', ...fields });
const completion = pino({
  req: { id: 'r1', method: 'POST', url: '/orders' },
  res: { statusCode: 201 },
  responseTime: 42,
  idempotencyAttempt: '2',
  idempotencyOutcome: 'executed',
  msg: 'request completed',
});

describe('consoleLine(processName, line, state)', () => {
  it('a request completion, once ready: one line with method, URL, status, time and what the idempotency layer did', () => {
    const line = consoleLine('api', completion, ready);
    assert.match(line, /^\d\d:\d\d:\d\d api +POST \/orders → 201 in 42 ms \(executed, attempt 2\)$/);
  });

  it('a request without a key: no idempotency part', () => {
    const line = consoleLine('sandbox', pino({ req: { method: 'GET', url: '/health' }, res: { statusCode: 200 }, responseTime: 1 }), ready);
    assert.match(line, /sandbox +GET \/health → 200 in 1 ms$/);
  });

  it('a request completion before ready (start.mjs waiting for /health): left out', () => {
    assert.equal(consoleLine('api', completion, { ready: false }), null);
  });

  it('a failed request (pino logs it at error level): still its one request line', () => {
    const failed = pino({ level: 50, req: { method: 'GET', url: '/orders' }, res: { statusCode: 500 }, responseTime: 3, err: { message: 'boom' } });
    assert.match(consoleLine('api', failed, ready), /api +GET \/orders → 500 in 3 ms$/);
  });

  it('start-up chatter at info or below (routes mapped, modules loaded): left out', () => {
    assert.equal(consoleLine('api', pino({ context: 'RouterExplorer', msg: 'Mapped {/orders, POST} route' }), ready), null);
    assert.equal(consoleLine('api', pino({ level: 20, msg: 'debug detail' }), ready), null);
  });

  it('a warning or an error: shown with its level and message, before ready too', () => {
    assert.match(
      consoleLine('api', pino({ level: 40, msg: 'using the development JWT secret' }), { ready: false }),
      /api +WARN using the development JWT secret$/,
    );
    assert.match(
      consoleLine('sandbox', pino({ level: 50, msg: 'unexpected error', err: { message: 'boom' } }), ready),
      /sandbox +ERROR unexpected error \(boom\)$/,
    );
  });

  it('a line that is not a pino entry (Next.js, a plain console.log): left out', () => {
    assert.equal(consoleLine('storefront', '▲ Next.js 16.4.0', ready), null);
    assert.equal(consoleLine('storefront', '{not json', ready), null);
    assert.equal(consoleLine('storefront', '{"level":"info"}', ready), null);
  });
});
