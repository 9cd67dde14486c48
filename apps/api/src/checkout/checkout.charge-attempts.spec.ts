import { randomUUID } from 'node:crypto';
import { chargeKeyOf } from './charge-key';
import { paymentIntentsOfOrder } from '../testing/payment-intent-rows';
import { TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { createTestProduct, createTestUser, orderBody, TEST_CARDS, TestApi, useApiWithProviderDown } from '../testing/test-api';

const PRICE_CENTS = 500;

// The server's own retries towards the provider are on record with the order (orders.charge_attempts),
// from the retrying client's events: one run per charge phase, each attempt with its outcome and
// the wait the client chose before the next. GET /orders/:id shows them as `chargeAttempts`.
describe('the charge attempts recorded with an order, and shown with it', () => {
  const apis = useApiWithProviderDown();

  async function checkout(paymentMethod: string = TEST_CARDS.visa) {
    const user = await createTestUser(apis.api);
    const product = await createTestProduct(apis.api, 10, PRICE_CENTS);
    const key = `"${randomUUID()}"`;
    const post = (through: TestApi) =>
      through
        .http()
        .post('/orders')
        .set('Authorization', `Bearer ${user.token}`)
        .set('Idempotency-Key', key)
        .send(orderBody([{ productId: product.id, quantity: 1 }], paymentMethod));
    const order = () => apis.api.prisma.order.findFirstOrThrow({ where: { userId: user.id } });
    const read = async (id: string) => (await apis.api.http().get(`/orders/${id}`).set('Authorization', `Bearer ${user.token}`).expect(200)).body;
    const list = async () => (await apis.api.http().get('/orders').set('Authorization', `Bearer ${user.token}`).expect(200)).body;
    return { user, post, order, read, list };
  }

  it('records one run with the derived key and its one attempt for a charge that succeeds at once, and the 201, GET /orders/:id and GET /orders show it', async () => {
    const { post, order, read, list } = await checkout();
    const created = await post(apis.api).expect(201);
    const { id, chargeAttempts } = await order();

    expect(chargeAttempts).toEqual([
      {
        idempotencyKey: chargeKeyOf(id),
        startedAt: expect.any(String),
        result: 'succeeded',
        attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: expect.any(Number) }],
      },
    ]);
    const shown = await read(id);
    expect(shown.chargeAttempts).toEqual({
      idempotencyKey: `safe-checkout-order-${id}`,
      runs: [
        {
          startedAt: (chargeAttempts as { startedAt: string }[])[0].startedAt,
          result: 'succeeded',
          attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: expect.any(Number) }],
        },
      ],
    });
    expect(created.body).toEqual(shown);
    expect(await list()).toEqual({ data: [shown], nextCursor: null });
  });

  it('records a run whose outcome is unknown, every attempt with its failure and the wait before the next under the backoff cap, and the run that finished it', async () => {
    const { post, order, read } = await checkout();
    await post(apis.providerDown).expect(503);
    await post(apis.api).expect(201);
    const { id } = await order();
    const { chargeAttempts } = await read(id);
    const [unknown, finished] = chargeAttempts.runs as {
      result: string;
      stopReason?: string;
      attempts: { attempt: number; verdict: string; reason?: string; wait?: { delayMs: number; basis: string; capMs: number } }[];
    }[];

    expect(chargeAttempts.idempotencyKey).toBe(chargeKeyOf(id));
    // The API's charge policy: 3 retries, base 200 ms, so caps of 200, 400 and 800 ms (full jitter below each).
    expect(unknown).toMatchObject({ result: 'unknown', stopReason: 'retries-exhausted' });
    expect(unknown.attempts.map((attempt) => [attempt.attempt, attempt.verdict, attempt.reason])).toEqual(
      [1, 2, 3, 4].map((n) => [n, 'ambiguous', 'network:ECONNREFUSED']),
    );
    expect(unknown.attempts.map((attempt) => attempt.wait && { basis: attempt.wait.basis, capMs: attempt.wait.capMs })).toEqual([
      { basis: 'backoff', capMs: 200 },
      { basis: 'backoff', capMs: 400 },
      { basis: 'backoff', capMs: 800 },
      undefined,
    ]);
    for (const { wait } of unknown.attempts.slice(0, -1)) expect(wait!.delayMs).toBeLessThanOrEqual(wait!.capMs);
    expect(finished).toEqual({
      startedAt: expect.any(String),
      result: 'succeeded',
      attempts: [{ attempt: 1, verdict: 'succeeded', status: 200, durationMs: expect.any(Number) }],
    });
  });

  it('shows the provider replaying a charge whose answer was lost: the next run gets the same PaymentIntent, marked replayed', async () => {
    const { user, post, order, read } = await checkout();
    await post(apis.providerDown).expect(503);
    const { id } = await order();
    // What a lost answer leaves behind: the provider charged with the derived key, the API never heard.
    const lost = await fetch(`${process.env.TEST_PAYMENT_PROVIDER_URL}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_SANDBOX_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': chargeKeyOf(id) },
      body: new URLSearchParams({
        amount: String(PRICE_CENTS),
        currency: 'eur',
        payment_method: TEST_CARDS.visa,
        confirm: 'true',
        'metadata[order_id]': id,
        'metadata[user_id]': user.id,
      }).toString(),
    });
    expect(lost.status).toBe(200);

    const paid = await post(apis.api).expect(201);

    expect(paid.body.chargeAttempts.runs.map((run: { result: string }) => run.result)).toEqual(['unknown', 'succeeded']);
    expect(paid.body.chargeAttempts.runs[1].attempts).toEqual([
      { attempt: 1, verdict: 'succeeded', status: 200, replayed: true, durationMs: expect.any(Number) },
    ]);
    expect((await paymentIntentsOfOrder(apis.api.prisma, id, 'succeeded')).map((intent) => intent.id)).toEqual([paid.body.payment.paymentIntentId]);
    expect(await read(id)).toEqual(paid.body);
  });

  it("records a decline with the provider's 402, and shows it as a final answer the client did not retry", async () => {
    const { post, order, read } = await checkout(TEST_CARDS.declined);
    await post(apis.api).expect(402);
    const { id, chargeAttempts } = await order();

    expect(chargeAttempts).toEqual([
      expect.objectContaining({ result: 'declined', attempts: [expect.objectContaining({ attempt: 1, verdict: 'definite', status: 402 })] }),
    ]);
    expect((await read(id)).chargeAttempts).toEqual({
      idempotencyKey: chargeKeyOf(id),
      runs: [
        {
          startedAt: expect.any(String),
          result: 'declined',
          stopReason: 'not-retryable',
          attempts: [{ attempt: 1, verdict: 'definite', status: 402, reason: 'http:402', durationMs: expect.any(Number) }],
        },
      ],
    });
  });
});
