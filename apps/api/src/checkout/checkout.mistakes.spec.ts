import { randomUUID } from 'node:crypto';
import type { Product } from '@safe-checkout/db';
import { chargeKeyOf } from './charge-key';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { paymentIntentsOfOrder, paymentIntentsOfUser } from '../testing/payment-intent-rows';
import { PaymentSandboxProcess, startPaymentSandbox, TEST_SANDBOX_SECRET_KEY } from '../testing/payment-sandbox-process';
import { failStatementOnce, stallStatements } from '../testing/statement-triggers';
import { createTestProduct, createTestUser, orderBody, startTestApi, TEST_CARDS, TestApi } from '../testing/test-api';

const QUANTITY = 2;

// payments.md §2: "Never charge inside a database transaction that a failure can roll back, and
// never with a key that is not derived from the order: the tests show what each mistake costs."
// Each mistake is a few lines of naive checkout, run against the real sandbox process until it
// charges one checkout twice; the contrast is the real POST /orders, or the derived key, under
// the same failure. The file has a database (and sandbox) of its own, so that its stalled and
// failing statements slow no other file down.
describe('the two classic double-charge mistakes, against the real payment sandbox', () => {
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let api: TestApi;
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url);
    api = await startTestApi({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url });
  }, 60_000);
  afterAll(async () => {
    await api?.close();
    await sandbox?.stop();
    await database?.dispose();
  });

  /** What a charge says to the provider (payments.md §1: Stripe's form-encoded PaymentIntents API). */
  interface Charge {
    orderId: string;
    userId: string;
    amountCents: number;
    currency: string;
  }

  /** `POST /v1/payment_intents`, confirmed at once, with `idempotencyKey`; resolves to the status and the PaymentIntent (or error). */
  async function chargeAtProvider(charge: Charge, idempotencyKey: string, signal?: AbortSignal) {
    const response = await fetch(`${sandbox.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TEST_SANDBOX_SECRET_KEY}`, 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': idempotencyKey },
      body: new URLSearchParams({
        amount: String(charge.amountCents),
        currency: charge.currency.toLowerCase(),
        payment_method: TEST_CARDS.visa,
        confirm: 'true',
        'metadata[order_id]': charge.orderId,
        'metadata[user_id]': charge.userId,
      }).toString(),
      signal,
    });
    // Only a PaymentIntent's id is read, and only after a 200.
    const body = (await response.json()) as { id?: string };
    return { status: response.status, replayed: response.headers.get('idempotent-replayed'), body };
  }

  describe('charging inside the order’s database transaction', () => {
    /**
     * The mistake: one transaction creates the order, charges it (with a key derived from the order
     * id, even) and marks it paid. As in the first version of POST /orders, the key's response
     * would be stored in this same transaction, so a failure rolls the key back with the order.
     */
    async function naiveCheckout(userId: string, product: Product, failAfterTheCharge: boolean) {
      return api.prisma.$transaction(async (tx) => {
        await tx.product.update({ where: { id: product.id }, data: { stock: { decrement: QUANTITY } } });
        const order = await tx.order.create({
          data: {
            userId,
            status: 'awaiting_payment',
            paymentMethod: TEST_CARDS.visa,
            totalCents: QUANTITY * product.priceCents,
            currency: product.currency,
            lines: { create: [{ position: 0, productId: product.id, quantity: QUANTITY, unitPriceCents: product.priceCents }] },
          },
        });
        const charge = await chargeAtProvider({ orderId: order.id, userId, amountCents: order.totalCents, currency: order.currency }, chargeKeyOf(order.id));
        expect(charge.status).toBe(200);
        // The server fails after the provider charged and before the commit (a crash, a lost
        // connection, a constraint): the order rolls back, the charge cannot.
        if (failAfterTheCharge) throw new Error('injected failure after the charge');
        return tx.order.update({ where: { id: order.id }, data: { status: 'paid', paymentIntentId: charge.body.id, paidAt: new Date() } });
      });
    }

    it('charges one cart twice when the transaction rolls back after the charge and the customer retries', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);

      await expect(naiveCheckout(user.id, product, true)).rejects.toThrow('injected failure after the charge');
      // The retry runs in a new transaction: a new order id, so a new "derived" key, so a new charge.
      const order = await naiveCheckout(user.id, product, false);

      const charges = await paymentIntentsOfUser(api.prisma, user.id, 'succeeded');
      expect(charges).toHaveLength(2);
      expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
      // One of the two pays an order that does not exist (payments.md §3 broken twice over).
      const orphans = charges.filter((charge) => (charge.metadata as { order_id: string }).order_id !== order.id);
      expect(orphans).toHaveLength(1);
      expect(await api.prisma.order.findUnique({ where: { id: (orphans[0].metadata as { order_id: string }).order_id } })).toBeNull();
    });

    it('is charged once by POST /orders failing at the same point (recording the payment) and retried with the same key', async () => {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const key = `"${randomUUID()}"`;
      const post = () =>
        api
          .http()
          .post('/orders')
          .set('Authorization', `Bearer ${user.token}`)
          .set('Idempotency-Key', key)
          .send(orderBody([{ productId: product.id, quantity: QUANTITY }]));
      const failure = await failStatementOnce(api.prisma, { table: 'orders', event: 'UPDATE', when: `NEW.status = 'paid' AND NEW.user_id = '${user.id}'` });
      try {
        const failed = await post();
        expect(failed.status).toBeGreaterThanOrEqual(500);
        // The charge happened and the order survived the failure, awaiting payment.
        expect(await paymentIntentsOfUser(api.prisma, user.id, 'succeeded')).toHaveLength(1);
        expect((await api.prisma.order.findMany({ where: { userId: user.id } })).map((order) => order.status)).toEqual(['awaiting_payment']);

        const paid = await post().expect(201);
        const charges = await paymentIntentsOfUser(api.prisma, user.id, 'succeeded');
        expect(charges.map((charge) => charge.id)).toEqual([paid.body.payment.paymentIntentId]);
        expect(await api.prisma.order.count({ where: { userId: user.id } })).toBe(1);
        expect((await api.prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(10 - QUANTITY);
      } finally {
        await failure.remove();
      }
    });
  });

  describe('a charge key that is not derived from the order', () => {
    /**
     * Charges the order, loses the provider's answer (the client gives up while the provider is
     * still committing the charge), then charges again as a retry would: with `keyOf(attempt)`.
     * Resolves to the answer of the retry.
     */
    async function chargeLosingTheFirstAnswer(charge: Charge, keyOf: (attempt: number) => string) {
      const stall = await stallStatements(
        api.prisma,
        { table: 'payment_intents', event: 'INSERT', when: `NEW.metadata->>'order_id' = '${charge.orderId}'` },
        2,
      );
      try {
        const lostAnswer = new AbortController();
        const first = chargeAtProvider(charge, keyOf(1), lostAnswer.signal).catch((error: unknown) => error);
        await stall.waitUntilStalled();
        lostAnswer.abort();
        expect(await first).toMatchObject({ name: 'AbortError' });
      } finally {
        // Waits until the provider has committed the first charge, whose answer nobody read.
        await stall.remove();
      }
      return chargeAtProvider(charge, keyOf(2));
    }

    async function anAwaitingOrder(): Promise<Charge> {
      const user = await createTestUser(api);
      const product = await createTestProduct(api, 10);
      const order = await api.prisma.order.create({
        data: { userId: user.id, status: 'awaiting_payment', paymentMethod: TEST_CARDS.visa, totalCents: product.priceCents, currency: product.currency },
      });
      return { orderId: order.id, userId: user.id, amountCents: order.totalCents, currency: order.currency };
    }

    it('charges one order twice when a fresh key per attempt meets a lost answer', async () => {
      const charge = await anAwaitingOrder();
      const retry = await chargeLosingTheFirstAnswer(charge, () => `attempt-${randomUUID()}`);

      expect(retry.status).toBe(200);
      expect(retry.replayed).toBeNull();
      expect(await paymentIntentsOfOrder(api.prisma, charge.orderId, 'succeeded')).toHaveLength(2);
    }, 30_000);

    it('charges the order once with chargeKeyOf(orderId): the retry gets the first charge replayed', async () => {
      const charge = await anAwaitingOrder();
      const retry = await chargeLosingTheFirstAnswer(charge, () => chargeKeyOf(charge.orderId));

      expect(retry.status).toBe(200);
      expect(retry.replayed).toBe('true');
      const charges = await paymentIntentsOfOrder(api.prisma, charge.orderId, 'succeeded');
      expect(charges.map((intent) => intent.id)).toEqual([retry.body.id]);
    }, 30_000);
  });
});
