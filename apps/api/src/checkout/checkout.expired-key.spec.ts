import { randomUUID } from 'node:crypto';
import { paymentIntentsOfOrder } from '../testing/payment-intent-rows';
import { TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { createTestProduct, createTestUser, orderBody, TestApi, useApiWithProviderDown } from '../testing/test-api';

// payments.md §2 "Recovery": a charge whose derived key may have expired at the provider (keys live
// 24 h there) is first looked up by metadata[order_id]; re-sending it blindly would charge again.
describe('resuming a checkout older than the provider keeps its idempotency keys', () => {
  const apis = useApiWithProviderDown();

  /** Charges the order at the sandbox with a key that is not the derived one: as if the derived key had expired there. */
  async function chargeUnderAnotherKey(orderId: string, userId: string, amount: number): Promise<string> {
    const response = await fetch(`${process.env.TEST_PAYMENT_PROVIDER_URL}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TEST_SANDBOX_SECRET_KEY}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': `expired-${randomUUID()}`,
      },
      body: new URLSearchParams({
        amount: String(amount),
        currency: 'eur',
        payment_method: 'pm_card_visa',
        confirm: 'true',
        'metadata[order_id]': orderId,
        'metadata[user_id]': userId,
      }).toString(),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { id: string }).id;
  }

  it('finds the charge made before by its order id and pays the order with it, charging nothing more', async () => {
    const user = await createTestUser(apis.api);
    const product = await createTestProduct(apis.api, 10, 700);
    const key = `"${randomUUID()}"`;
    const body = orderBody([{ productId: product.id, quantity: 2 }]);
    const post = (through: TestApi) => through.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(body);

    await post(apis.providerDown).expect(503);
    const order = await apis.api.prisma.order.findFirstOrThrow({ where: { userId: user.id } });
    const earlier = await chargeUnderAnotherKey(order.id, user.id, order.totalCents);
    await apis.api.prisma.order.update({ where: { id: order.id }, data: { createdAt: new Date(Date.now() - 25 * 3_600_000) } });

    const resumed = await post(apis.api).expect(201);

    expect(resumed.body).toMatchObject({ id: order.id, status: 'paid', payment: { paymentIntentId: earlier, amount: 1400 } });
    expect((await paymentIntentsOfOrder(apis.api.prisma, order.id, 'succeeded')).map((intent) => intent.id)).toEqual([earlier]);
  });
});
