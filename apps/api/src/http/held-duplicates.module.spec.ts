import { JwtService } from '@nestjs/jwt';
import { HeldDuplicates } from '@safe-checkout/idempotency-nest';
import { startSilentTcpServer, type SilentTcpServer } from '../testing/silent-tcp-server';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';

// Copies of a checkout sent with Prefer: wait while one of them is answered in this process are
// answered before routing (HeldDuplicatesModule): same answers, metrics and checks as the pipeline's.
describe('POST /orders copies with Prefer: wait, answered before routing while their key is held here', () => {
  const body = (productId: string) => ({ paymentMethod: 'pm_card_visa', items: [{ productId, quantity: 1 }] });

  describe('with the sandbox answering', () => {
    let api: TestApi;
    beforeAll(async () => (api = await startTestApi()));
    afterAll(() => api.close());

    it('answers every copy with the one order, most of them without the pipeline, and labels them by their route in the HTTP metrics', async () => {
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
      const responses = await Promise.all(
        Array.from({ length: 100 }, () =>
          api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).set('Prefer', 'wait=10').send(body(product.id)),
        ),
      );

      expect(new Set(responses.map((response) => response.status))).toEqual(new Set([201]));
      expect(new Set(responses.map((response) => response.text)).size).toBe(1);
      expect(responses.filter((response) => response.headers['idempotency-outcome'] === 'replayed')).toHaveLength(99);
      expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
      expect(answeredEarly.filter(Boolean).length).toBeGreaterThan(0);
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

    it('answers a copy whose token we did not sign 401, never with the held key’s answer; a copy whose wait runs out, 409', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const key = newIdempotencyKey();
      const send = (token: string, prefer: string) =>
        api.http().post('/orders').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key).set('Prefer', prefer).send(body(product.id));
      const first = send(user.token, 'wait=10').then((response) => response);
      await silent.firstConnection;

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
