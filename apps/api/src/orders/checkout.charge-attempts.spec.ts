import { randomUUID } from 'node:crypto';
import { chargeKeyOf } from '../payments/charge-key';
import { createTestProduct, createTestUser, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';

// The server's own retries towards the provider are on record with the order (orders.charge_attempts),
// from the retrying client's events: one run per charge phase, each attempt with its outcome and
// the wait the client chose before the next.
describe('the charge attempts recorded with an order', () => {
  let providerDown: TestApi;
  let api: TestApi;
  beforeAll(async () => {
    // Nothing listens on port 9: every attempt of this API's charges fails without an answer.
    providerDown = await startTestApi({ PAYMENT_PROVIDER_URL: 'http://127.0.0.1:9' });
    api = await startTestApi();
  });
  afterAll(async () => {
    await providerDown?.close();
    await api?.close();
  });

  async function checkout(paymentMethod: string = TEST_CARDS.visa) {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 10);
    const key = `"${randomUUID()}"`;
    const post = (through: TestApi) =>
      through.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(orderBody([{ productId: product.id, quantity: 1 }], paymentMethod));
    const order = () => api.prisma.order.findFirstOrThrow({ where: { userId: user.id } });
    return { post, order };
  }

  it('records one run with the derived key and its one attempt for a charge that succeeds at once', async () => {
    const { post, order } = await checkout();
    await post(api).expect(201);
    const { id, chargeAttempts } = await order();

    expect(chargeAttempts).toEqual([
      { idempotencyKey: chargeKeyOf(id), startedAt: expect.any(String), result: 'succeeded', attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: expect.any(Number) }] },
    ]);
  });

  it('records a run whose outcome is unknown, every attempt with its failure and the wait before the next, and the run that finished it', async () => {
    const { post, order } = await checkout();
    await post(providerDown).expect(503);
    await post(api).expect(201);
    const { id, chargeAttempts } = await order();
    const [unknown, finished] = chargeAttempts as { idempotencyKey: string; result: string; attempts: { attempt: number; reason?: string; waitMs?: number; waitBasis?: string }[] }[];

    expect(unknown.result).toBe('unknown');
    expect(unknown.idempotencyKey).toBe(chargeKeyOf(id));
    expect(unknown.attempts.length).toBeGreaterThan(1);
    expect(unknown.attempts.every((attempt) => attempt.reason?.startsWith('network:'))).toBe(true);
    expect(unknown.attempts.slice(0, -1).every((attempt) => attempt.waitBasis === 'backoff' && typeof attempt.waitMs === 'number')).toBe(true);
    expect(finished).toMatchObject({ idempotencyKey: chargeKeyOf(id), result: 'succeeded' });
  });

  it('records a decline with the provider\'s 402', async () => {
    const { post, order } = await checkout(TEST_CARDS.declined);
    await post(api).expect(402);
    expect((await order()).chargeAttempts).toEqual([expect.objectContaining({ result: 'declined', attempts: [expect.objectContaining({ attempt: 1, verdict: 'definite', status: 402 })] })]);
  });
});
