import { Global, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { HeldDuplicates } from '@safe-checkout/idempotency-nest';
import { LOG_DESTINATION } from '../logging/logging.module';
import { startSilentTcpServer, type SilentTcpServer } from '../testing/silent-tcp-server';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// Every line the API logs, as written: provided to LoggingModule from a global module.
const logLines: string[] = [];

@Global()
@Module({ providers: [{ provide: LOG_DESTINATION, useValue: { write: (line: string) => void logLines.push(line) } }], exports: [LOG_DESTINATION] })
class CapturedLogsModule {}

interface CompletionLine {
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
  idempotencyOutcome?: string;
  idempotencyAttempt?: string;
  msg: string;
}

// Copies of a checkout sent with Prefer: wait while one of them is answered in this process are
// answered before the request log, the metrics middleware, the body parser and routing
// (answerHeldDuplicates): same answers, checks, log lines and metrics as the pipeline's.
describe('POST /orders copies with Prefer: wait, answered before routing while their key is held here', () => {
  const body = (productId: string) => ({ paymentMethod: 'pm_card_visa', items: [{ productId, quantity: 1 }] });

  describe('with the sandbox answering', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startTestApi({ LOG_LEVEL: 'info' }, [CapturedLogsModule])));
    afterAll(() => api.close());

    it('answers every copy with the one order, most without the pipeline, each logged under its request id and counted under its route', async () => {
      const held = api.app.get(HeldDuplicates);
      const answeredEarly: boolean[] = [];
      const answered = held.answered.bind(held);
      jest.spyOn(held, 'answered').mockImplementation(async (...args) => {
        const early = await answered(...args);
        answeredEarly.push(early);
        return early;
      });
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 1000);
      const key = newIdempotencyKey();
      logLines.length = 0;
      const responses = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          api
            .http()
            .post('/orders')
            .set('Authorization', `Bearer ${user.token}`)
            .set('Idempotency-Key', key)
            .set('Idempotency-Attempt', '1')
            .set('Prefer', 'wait=10')
            .set(i % 2 ? { 'X-Request-Id': `copy-${i}` } : {})
            .send(body(product.id)),
        ),
      );

      expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
      expect(new Set(responses.map((response) => response.text)).size).toBe(1);
      expect(responses.filter((response) => response.headers['idempotency-outcome'] === 'replayed')).toHaveLength(99);
      expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
      expect(answeredEarly.filter(Boolean).length).toBeGreaterThan(50);

      // One completion line per copy, under the id it was sent back (the caller's when it sent one).
      const completions = logLines
        .map((line) => JSON.parse(line) as CompletionLine)
        .filter((line) => line.req?.url === '/orders' && line.responseTime !== undefined);
      const lineOf = new Map(completions.map((line) => [line.req.id, line]));
      expect(completions).toHaveLength(100);
      responses.forEach((response, i) => {
        const id = response.headers['x-request-id'];
        if (i % 2) expect(id).toBe(`copy-${i}`);
        expect(lineOf.get(id)).toMatchObject({
          req: { method: 'POST', url: '/orders' },
          res: { statusCode: 201 },
          idempotencyAttempt: '1',
          idempotencyOutcome: response.headers['idempotency-outcome'],
          msg: 'request completed',
        });
      });

      // Whichever way a copy was answered, its headers are those of a replay from the store, sent later.
      const later = await api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(body(product.id));
      const headersOf = (headers: Record<string, string>) =>
        Object.entries(headers)
          .filter(([name]) => name !== 'date' && name !== 'x-request-id')
          .sort(([a], [b]) => a.localeCompare(b));
      for (const response of responses.filter((r) => r.headers['idempotency-outcome'] === 'replayed'))
        expect(headersOf(response.headers)).toEqual(headersOf(later.headers));
      const metrics = (await api.http().get('/metrics')).text;
      expect(metrics).not.toMatch(/http_request_duration_seconds_count\{method="POST",route="unmatched"/);
      expect(metrics).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/orders",status="201"\} 101/);
    }, 60_000);
  });

  describe('when the shortcut itself fails', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startTestApi()));
    afterAll(() => api.close());

    it('leaves the request to the pipeline, which answers it, instead of a 500', async () => {
      jest.spyOn(api.app.get(HeldDuplicates), 'answered').mockRejectedValue(new Error('unexpected'));
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);

      const response = await api
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${user.token}`)
        .set('Idempotency-Key', newIdempotencyKey())
        .set('Prefer', 'wait=2')
        .send(body(product.id));

      expect(response.status).toBe(201);
      expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
    });
  });

  describe('while the first copy hangs at the provider', () => {
    let api: TestApi;
    let silent: SilentTcpServer;
    beforeAll(async () => {
      silent = await startSilentTcpServer();
      api = await startTestApi({ PAYMENT_PROVIDER_URL: silent.url });
    });
    afterAll(async () => {
      await silent.close();
      await api.close();
    });

    it('leaves to the pipeline, with the body read here, a copy it cannot answer: another body 422, bad JSON 400, a foreign token 401, a wait that runs out 409', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const key = newIdempotencyKey();
      const send = (token: string, prefer: string, sent: object | string = body(product.id)) =>
        api
          .http()
          .post('/orders')
          .set('Authorization', `Bearer ${token}`)
          .set('Idempotency-Key', key)
          .set('Prefer', prefer)
          .set('Content-Type', 'application/json')
          .send(sent);
      const first = send(user.token, 'wait=10').then((response) => response);
      await silent.firstConnection;

      const otherBody = await send(user.token, 'wait=2', { ...body(product.id), paymentMethod: 'pm_card_chargeDeclined' });
      expect(otherBody.status).toBe(422);
      expect(otherBody.body.type).toMatch(/idempotency-key-reused$/);
      const badJson = await send(user.token, 'wait=2', '{"paymentMethod":');
      expect(badJson.status).toBe(400);
      expect(badJson.body.type).toMatch(/malformed-json$/);
      const forged = new JwtService({ secret: 'not-the-api-secret-0123456789abcdef0123456789abcdef' }).sign({ sub: user.id }, { expiresIn: 600 });
      expect((await send(forged, 'wait=2')).status).toBe(401);
      const impatient = await send(user.token, 'wait=1');
      expect(impatient.status).toBe(409);
      expect(impatient.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(impatient.headers['retry-after'])).toBeGreaterThanOrEqual(1);

      await silent.close();
      expect((await first).status).toBe(503);
    }, 60_000);
  });
});
