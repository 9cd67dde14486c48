import type { ChargeRun } from './charge-attempts';
import { createTestProduct, createTestUser, startTestApi, TestApi } from '../testing/test-api';
import { CheckoutStatements, KEPT_CHARGE_RUNS } from './checkout.statements';

// The order's record of charge runs against the real table (jsonb), through the API's own service.
describe('CheckoutStatements.recordChargeRun(orderId, run)', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  const run = (n: number): ChargeRun => ({ idempotencyKey: 'k', startedAt: new Date(n * 1_000).toISOString(), attempts: [], result: 'unknown' });

  it(`when a checkout is resumed again and again (a long provider outage), keeps only the newest ${KEPT_CHARGE_RUNS} runs, oldest first`, async () => {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 1);
    const order = await api.prisma.order.create({
      data: {
        userId: user.id,
        totalCents: 500,
        currency: 'EUR',
        paymentMethod: 'pm_card_visa',
        lines: { create: [{ position: 0, productId: product.id, quantity: 1, unitPriceCents: 500 }] },
      },
    });
    const statements = api.app.get(CheckoutStatements);

    for (let n = 1; n <= KEPT_CHARGE_RUNS + 5; n++) await statements.recordChargeRun(order.id, run(n));

    const { chargeAttempts } = await api.prisma.order.findUniqueOrThrow({ where: { id: order.id } });
    expect((chargeAttempts as unknown as ChargeRun[]).map((r) => r.startedAt)).toEqual(
      Array.from({ length: KEPT_CHARGE_RUNS }, (_, i) => run(i + 6).startedAt),
    );
  });
});
