import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@safe-checkout/db';
import type { Response } from 'supertest';
import { ApiProcess, startApiProcess } from '../testing/api-process';
import { eventually } from '../testing/eventually';
import { createIsolatedTestDatabase, IsolatedTestDatabase } from '../testing/isolated-test-database';
import { paymentIntentsOfOrder } from '../testing/payment-intent-rows';
import { PaymentSandboxProcess, startPaymentSandbox } from '../testing/payment-sandbox-process';
import { stopScheduledJobs } from '../testing/scheduled-jobs';
import { startSilentTcpServer } from '../testing/silent-tcp-server';
import { stallStatements } from '../testing/statement-triggers';
import { createTestProduct, createTestUser, orderBody, startTestApi, TestApi } from '../testing/test-api';
import { CheckoutRecoveryWorker } from '../orders/checkout-recovery.worker';
import { ORDER_CREATED } from './checkout.phases';

// Short, so that a dead holder's key can be resumed within the test; the checkouts take far less.
const LEASE_MS = 1500;
// How long a stalled statement sleeps: long enough to kill the process that sent it, and shorter
// than the charge's per-attempt timeout and the database's statement and transaction timeouts.
const STALL_SECONDS = 3;
const STOCK = 10;
const QUANTITY = 2;

/** A trap set at one boundary of the checkout for one customer's rows. */
interface ArmedBoundary {
  /** Where the doomed API process sends its charges. */
  providerUrl: string;
  /** Resolves once the doomed process's checkout is held at the boundary. */
  reached(): Promise<void>;
  /** Takes the trap away after the kill; waits until whatever the dead process left running has ended. */
  disarm(): Promise<void>;
}

interface Boundary {
  name: string;
  /** Succeeded PaymentIntents of the order once the process died there (the provider's side). */
  chargedBeforeTheCrash: 0 | 1;
  arm(prisma: PrismaClient, sandboxUrl: string, userId: string): Promise<ArmedBoundary>;
}

const BOUNDARIES: Boundary[] = [
  {
    name: 'after the order committed, before the charge reached the provider',
    chargedBeforeTheCrash: 0,
    // The "provider" accepts the connection and never reads or answers: the charge is in flight.
    async arm() {
      const silent = await startSilentTcpServer();
      return { providerUrl: silent.url, reached: () => silent.firstConnection, disarm: () => silent.close() };
    },
  },
  {
    name: 'after the provider charged, before the API recorded it',
    chargedBeforeTheCrash: 1,
    // The sandbox's INSERT of the PaymentIntent sleeps; the API dies waiting for the answer, and
    // the sandbox commits the charge afterwards (the answer is lost). disarm waits for that commit.
    async arm(prisma, sandboxUrl, userId) {
      const stall = await stallStatements(prisma, { table: 'payment_intents', event: 'INSERT', when: `NEW.metadata->>'user_id' = '${userId}'` }, STALL_SECONDS);
      return { providerUrl: sandboxUrl, reached: () => stall.waitUntilStalled(), disarm: () => stall.remove() };
    },
  },
  {
    name: 'inside the transaction that records the payment',
    chargedBeforeTheCrash: 1,
    // The UPDATE to paid sleeps inside the last transaction; when the sleep ends, PostgreSQL finds
    // the client gone and rolls it back. disarm (DROP TRIGGER) waits for that rollback.
    async arm(prisma, sandboxUrl, userId) {
      const stall = await stallStatements(
        prisma,
        { table: 'orders', event: 'UPDATE', when: `NEW.status = 'paid' AND NEW.user_id = '${userId}'` },
        STALL_SECONDS,
      );
      return { providerUrl: sandboxUrl, reached: () => stall.waitUntilStalled(), disarm: () => stall.remove() };
    },
  },
];

// Failure scenario: the API process dies (SIGKILL) at each boundary of the checkout's phases. After
// recovery, by the customer's retry or by the recovery worker alone, payments.md §3 holds: the
// order is paid by exactly one succeeded PaymentIntent and its stock was taken once. The file has
// a database of its own: its recovery worker passes take over every stalled checkout there.
describe('a checkout whose API process is killed (SIGKILL) at a phase boundary', () => {
  let database: IsolatedTestDatabase;
  let sandbox: PaymentSandboxProcess;
  let survivor: TestApi;
  let worker: TestApi;
  beforeAll(async () => {
    database = await createIsolatedTestDatabase();
    sandbox = await startPaymentSandbox(database.url);
    const env = { DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: sandbox.url, IDEMPOTENCY_LEASE_MS: String(LEASE_MS) };
    survivor = await startTestApi(env);
    worker = await startTestApi({ ...env, CHECKOUT_RECOVERY_AFTER_SECONDS: '0' });
    // Passes run when a test calls them, never on their own schedule.
    stopScheduledJobs(worker.app);
  }, 60_000);
  afterAll(async () => {
    await worker?.close();
    await survivor?.close();
    await sandbox?.stop();
    await database?.dispose();
  });

  /**
   * Starts a checkout on a fresh API process with the trap armed at `boundary`, SIGKILLs the
   * process once the checkout is held there, and checks what the crash left behind.
   */
  async function crashAt(boundary: Boundary) {
    const user = await createTestUser(survivor);
    const product = await createTestProduct(survivor, STOCK);
    const key = randomUUID();
    const body = orderBody([{ productId: product.id, quantity: QUANTITY }]);
    const prisma = survivor.prisma;
    const armed = await boundary.arm(prisma, sandbox.url, user.id);
    let doomed: ApiProcess | undefined;
    try {
      doomed = await startApiProcess({ DATABASE_URL: database.url, PAYMENT_PROVIDER_URL: armed.providerUrl, IDEMPOTENCY_LEASE_MS: String(LEASE_MS) });
      const inFlight = fetch(`${doomed.url}/orders`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${user.token}`, 'Idempotency-Key': `"${key}"`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }).catch((error: unknown) => error);
      await armed.reached();
      await doomed.kill('SIGKILL');
      // The customer saw the connection die: whether it was charged is unknown to them.
      expect(String(await inFlight)).toMatch(/fetch failed/);
    } finally {
      // Also when the trap was never reached: a process left running keeps Jest from exiting.
      await doomed?.kill('SIGKILL');
      await armed.disarm();
    }

    const orders = await prisma.order.findMany({ where: { userId: user.id } });
    expect(orders.map((order) => order.status)).toEqual(['awaiting_payment']);
    const orderId = orders[0].id;
    const stock = async () => (await prisma.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
    expect(await stock()).toBe(STOCK - QUANTITY);
    const keyRow = () => prisma.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope: user.id, key } } });
    expect(await keyRow()).toMatchObject({ state: 'running', recoveryPoint: ORDER_CREATED, recoveryState: { orderId } });
    const chargedBefore = await paymentIntentsOfOrder(prisma, orderId, 'succeeded');
    expect(chargedBefore).toHaveLength(boundary.chargedBeforeTheCrash);

    return {
      orderId,
      chargedBefore,
      retry: () => survivor.http().post('/orders').set('Authorization', `Bearer ${user.token}`).set('Idempotency-Key', `"${key}"`).send(body),
      leaseLapsed: async () => (await keyRow()).leaseExpiresAt.getTime() <= Date.now(),
      /** payments.md §3 for this checkout: paid by exactly one succeeded charge (the one made before the crash, if any), stock taken once. */
      async expectPaidOnce() {
        const [order, ...others] = await prisma.order.findMany({ where: { userId: user.id } });
        expect(others).toEqual([]);
        expect(order).toMatchObject({ id: orderId, status: 'paid' });
        const charges = await paymentIntentsOfOrder(prisma, orderId, 'succeeded');
        expect(charges.map((intent) => intent.id)).toEqual([order.paymentIntentId]);
        if (chargedBefore.length) expect(order.paymentIntentId).toBe(chargedBefore[0].id);
        expect(charges[0]).toMatchObject({ amount: order.totalCents, currency: order.currency.toLowerCase() });
        expect(await stock()).toBe(STOCK - QUANTITY);
        expect(await keyRow()).toMatchObject({ state: 'completed', responseStatus: 201 });
      },
    };
  }

  describe.each(BOUNDARIES)('$name', (boundary) => {
    it('is paid exactly once by the customer’s retry with the same key', async () => {
      const crashed = await crashAt(boundary);

      let response: Response | undefined;
      // 409 while the dead process's lease runs; then the retry takes the key over and resumes.
      await eventually(async () => (response = await crashed.retry()).status !== 409, 'the dead holder’s lease to lapse');
      expect(response?.status).toBe(201);
      expect(response?.body).toMatchObject({ id: crashed.orderId, status: 'paid' });
      await crashed.expectPaidOnce();
    }, 60_000);

    it('is paid exactly once by the recovery worker when the customer never retries', async () => {
      const crashed = await crashAt(boundary);

      await eventually(crashed.leaseLapsed, 'the dead holder’s lease to lapse');
      await worker.app.get(CheckoutRecoveryWorker).resumeStalledCheckouts();
      await crashed.expectPaidOnce();
      // The customer who comes back later gets the answer the worker stored.
      const late = await crashed.retry().expect(201);
      expect(late.headers['idempotent-replayed']).toBe('true');
      expect(late.body).toMatchObject({ id: crashed.orderId, status: 'paid' });
    }, 60_000);
  });
});
