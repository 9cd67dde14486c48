import { randomUUID } from 'node:crypto';
import { ChargeAnswerProxy, startChargeAnswerProxy } from '../testing/charge-answer-proxy';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { paymentIntentsOfOrder } from '../testing/payment-intent-rows';
import { PaymentSandboxProcess, startPaymentSandbox } from '../testing/payment-sandbox-process';
import { deliverEvent, paymentEventBody, TEST_WEBHOOK_SECRET } from '../testing/payment-webhook-deliveries';
import { runRecoveryPass } from '../testing/recovery-pass';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';

const PRICE_CENTS = 900;

// The three paths that learn a charge's outcome (payments.md §5): the charge's own answer, the
// provider's webhook and the recovery worker. Real HTTP, a real sandbox process, and a proxy
// between the API and the sandbox that delivers, holds or loses the charge's answer after the
// sandbox charged. The file has a database of its own: its worker passes take over every stalled
// checkout in it.
describe('the charge answer, the webhook and the recovery worker converge on one settlement and one receipt', () => {
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let proxy: ChargeAnswerProxy;
  let api: TestApi;
  const env = () => ({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: proxy.url, PAYMENT_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET });
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url);
    proxy = await startChargeAnswerProxy(sandbox.url);
    api = await startTestApi(env());
    stopScheduledJobs(api.app);
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await proxy?.close();
    await sandbox?.stop();
    await database?.dispose();
  });
  afterEach(() => proxy.release());

  async function aCheckout() {
    const user = await createTestUser(api);
    const product = await createTestProduct(api, 10, PRICE_CENTS);
    const key = `"${randomUUID()}"`;
    const body = orderBody([{ productId: product.id, quantity: 1 }]);
    const onlyOrder = async () => {
      const orders = await api.prisma.order.findMany({ where: { userId: user.id }, include: { receipt: true } });
      expect(orders).toHaveLength(1);
      return orders[0];
    };
    return {
      post: () => api.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', key).send(body),
      onlyOrder,
      /** The provider's succeeded PaymentIntent for the order, as the webhook would carry it. */
      succeededEvent: async () => {
        const [intent] = await paymentIntentsOfOrder(api.prisma, (await onlyOrder()).id, 'succeeded');
        const metadata = intent.metadata as Record<string, string>;
        return paymentEventBody('payment_intent.succeeded', {
          id: intent.id,
          amount: intent.amount,
          currency: intent.currency,
          status: intent.status,
          metadata,
        });
      },
      receipts: async () => api.prisma.receipt.count({ where: { orderId: (await onlyOrder()).id } }),
    };
  }

  it('a webhook that arrives before the charge’s answer settles the order; the answer then finds it settled and answers 201 with the same receipt', async () => {
    const checkout = await aCheckout();
    proxy.setFate('held');
    const placing = checkout.post();
    const answered = placing.then((response) => response);
    await proxy.answerHeld();

    await deliverEvent(api, await checkout.succeededEvent()).expect(200, { received: true, outcome: 'settled' });
    proxy.release();
    const response = await answered;

    expect(response.status).toBe(201);
    const order = await checkout.onlyOrder();
    expect(order).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'webhook' } });
    expect(response.body).toMatchObject({ id: order.id, status: 'paid', receipt: { id: order.receipt!.id, confirmedBy: 'webhook' } });
    expect(await checkout.receipts()).toBe(1);
  }, 60_000);

  it('with the charge’s answer lost, the webhook alone settles the order at once; the retry and the worker change nothing and charge nothing', async () => {
    const checkout = await aCheckout();
    proxy.setFate('lost');
    await checkout.post().expect(503);
    proxy.setFate('delivered');
    const stalled = await checkout.onlyOrder();
    expect(stalled.status).toBe('awaiting_payment');
    const event = await checkout.succeededEvent();
    const chargesBefore = proxy.chargesForwarded;

    await deliverEvent(api, event).expect(200, { received: true, outcome: 'settled' });
    expect(await checkout.onlyOrder()).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'webhook' } });

    const retry = await checkout.post().expect(201);
    expect(retry.body).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'webhook' } });
    await runRecoveryPass(env());
    await deliverEvent(api, event).expect(200, { received: true, outcome: 'duplicate' });

    expect(proxy.chargesForwarded).toBe(chargesBefore);
    expect(await checkout.receipts()).toBe(1);
    expect(await paymentIntentsOfOrder(api.prisma, stalled.id, 'succeeded')).toHaveLength(1);
  }, 60_000);

  it('when the recovery worker learns the outcome first, its receipt says so and the late webhook is a recorded no-op', async () => {
    const checkout = await aCheckout();
    proxy.setFate('lost');
    await checkout.post().expect(503);
    proxy.setFate('delivered');

    await runRecoveryPass(env());
    expect(await checkout.onlyOrder()).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'recovery_worker' } });

    await deliverEvent(api, await checkout.succeededEvent()).expect(200, { received: true, outcome: 'already_settled' });

    expect(await checkout.receipts()).toBe(1);
  }, 60_000);

  it('when the charge’s answer comes first, the receipt says so and the webhook that follows changes nothing', async () => {
    const checkout = await aCheckout();
    const response = await checkout.post().expect(201);
    expect(response.body).toMatchObject({ status: 'paid', receipt: { confirmedBy: 'charge_answer' } });

    await deliverEvent(api, await checkout.succeededEvent()).expect(200, { received: true, outcome: 'already_settled' });

    expect(await checkout.receipts()).toBe(1);
  }, 60_000);
});
