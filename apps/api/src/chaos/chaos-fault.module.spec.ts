import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';
import { ChaosFaultModule } from './chaos-fault.module';

async function placeOrderAskingForAFault(api: TestApi) {
  const user = await createTestUser(api);
  const product = await createTestProduct(api, 10);
  const key = newIdempotencyKey();
  const body = { paymentMethod: 'pm_card_visa', items: [{ productId: product.id, quantity: 1 }] };
  const send = (fault: boolean) => {
    const req = api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key);
    return (fault ? req.set('X-Chaos-Fault', 'server-failure') : req).send(body);
  };
  const first = await send(true);
  const stock = (await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
  return { first, stock, retry: () => send(false), orders: () => api.prisma.order.count({ where: { userId: user.id } }) };
}

describe('the chaos server failure', () => {
  it('does not exist in a normal API: the fault header changes nothing', async () => {
    const api = await startTestApi();
    try {
      const { first, stock } = await placeOrderAskingForAFault(api);
      expect(first.status).toBe(201);
      expect(stock).toBe(9);
    } finally {
      await api.close();
    }
  });

  it('in chaos mode fails the order after taking stock, commits nothing, and frees the key for a retry', async () => {
    const api = await startTestApi({}, [ChaosFaultModule]);
    try {
      const { first, stock, retry, orders } = await placeOrderAskingForAFault(api);
      expect(first.status).toBe(500);
      expect(stock).toBe(10);
      await retry().expect(201);
      expect(await orders()).toBe(1);
    } finally {
      await api.close();
    }
  });
});
