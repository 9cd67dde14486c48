import { randomUUID } from 'node:crypto';
import { IdempotencyKeyPurgeJob } from '@safe-checkout/idempotency-nest';
import { aCharge, sandboxHttp, toForm } from '../testing/sandbox-http';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';

// payments.md §1 "Idempotency at the provider", Stripe's semantics, one test per key state.
describe('POST /v1/payment_intents with Idempotency-Key', () => {
  let sandbox: TestSandbox;
  let http: ReturnType<typeof sandboxHttp>;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    http = sandboxHttp(sandbox.url, sandbox.secretKey);
  });
  afterAll(() => sandbox.close());

  const intentsOf = (orderId: string) =>
    sandbox.prisma.paymentIntent.count({ where: { account: sandbox.account, metadata: { path: ['order_id'], equals: orderId } } });
  const keyRecord = (key: string) => sandbox.prisma.idempotencyKey.findUnique({ where: { scope_key: { scope: sandbox.account, key } } });

  describe('without the header', () => {
    it('runs every time and records no key, as Stripe', async () => {
      const charge = aCharge();
      const [first, second] = [await http.post('/v1/payment_intents', charge), await http.post('/v1/payment_intents', charge)];

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(first.body.id).not.toBe(second.body.id);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(await intentsOf(charge.metadata.order_id)).toBe(2);
      expect(await sandbox.prisma.idempotencyKey.count({ where: { scope: sandbox.account } })).toBe(0);
    });
  });

  describe('the same key with the same parameters', () => {
    it('replays the success: same status, same bytes, Idempotent-Replayed: true, one PaymentIntent', async () => {
      const key = randomUUID();
      const charge = aCharge();
      const first = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });
      const again = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });

      expect(first.status).toBe(200);
      expect(first.headers.get('idempotent-replayed')).toBeNull();
      expect(again.status).toBe(200);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
      expect(again.text).toBe(first.text);
      expect(await intentsOf(charge.metadata.order_id)).toBe(1);
    });

    it('replays a decline (402) with its PaymentIntent, which is stored once', async () => {
      const key = randomUUID();
      const charge = aCharge({ payment_method: 'pm_card_chargeDeclinedInsufficientFunds' });
      const first = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });
      const again = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });

      expect(first.status).toBe(402);
      expect(again.status).toBe(402);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.text).toBe(first.text);
      expect(await intentsOf(charge.metadata.order_id)).toBe(1);
      expect(await keyRecord(key)).toMatchObject({ state: 'completed', responseStatus: 402 });
    });

    it('counts parameters in another order, and metadata keys in another order, as the same parameters', async () => {
      const key = randomUUID();
      const orderId = randomUUID();
      const first = await http.post(
        '/v1/payment_intents',
        `amount=100&currency=eur&payment_method=pm_card_visa&confirm=true&metadata[order_id]=${orderId}&metadata[user_id]=u`,
        { idempotencyKey: key },
      );
      const again = await http.post(
        '/v1/payment_intents',
        `metadata[user_id]=u&confirm=true&metadata[order_id]=${orderId}&payment_method=pm_card_visa&currency=eur&amount=100`,
        { idempotencyKey: key },
      );

      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(again.text).toBe(first.text);
    });

    it('keeps keys apart by account: another secret key with the same key runs anew', async () => {
      const other = await startTestSandbox();
      try {
        const key = randomUUID();
        const charge = aCharge();
        const mine = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });
        const theirs = await sandboxHttp(other.url, other.secretKey).post('/v1/payment_intents', charge, { idempotencyKey: key });

        expect(theirs.status).toBe(200);
        expect(theirs.headers.get('idempotent-replayed')).toBeNull();
        expect(theirs.body.id).not.toBe(mine.body.id);
      } finally {
        await other.close();
      }
    });
  });

  describe('the same key with other parameters', () => {
    it.each([
      ['another amount', { amount: 999 }],
      ['another payment method', { payment_method: 'pm_card_mastercard' }],
      ['another order id', { orderId: 'another-order' }],
    ])('answers 400 idempotency_error for %s, and runs nothing', async (_case, change) => {
      const key = randomUUID();
      const orderId = randomUUID();
      await http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });
      const reused = await http.post('/v1/payment_intents', aCharge({ orderId, ...change }), { idempotencyKey: key });

      expect(reused.status).toBe(400);
      expect(reused.body).toEqual({
        error: {
          type: 'idempotency_error',
          message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        },
      });
      expect(await intentsOf(orderId)).toBe(1);
      expect(await intentsOf('another-order')).toBe(0);
    });
  });

  describe('a request rejected by validation', () => {
    it.each([
      ['an invalid amount', aCharge({ amount: 0 })],
      ['an unknown payment method', aCharge({ payment_method: 'pm_card_nope' })],
    ])('stores nothing for %s, so the same key then runs the corrected request', async (_case, invalid) => {
      const key = randomUUID();
      const rejected = await http.post('/v1/payment_intents', invalid, { idempotencyKey: key });
      expect(rejected.status).toBe(400);
      expect(rejected.body.error.type).toBe('invalid_request_error');
      expect(await keyRecord(key)).toBeNull();

      const corrected = await http.post('/v1/payment_intents', aCharge(), { idempotencyKey: key });
      expect(corrected.status).toBe(200);
      expect(corrected.headers.get('idempotent-replayed')).toBeNull();
    });
  });

  describe('the key length, as Stripe: any key of 1–255 characters', () => {
    it.each([
      ['1 character', 'k'],
      ['15 characters, below the shop API’s own 16', 'k'.repeat(14) + '2'],
      ['255 characters', 'k'.repeat(254) + '3'],
    ])('accepts a key of %s and replays it', async (_case, key) => {
      const charge = aCharge();
      const first = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });
      const again = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });

      expect(first.status).toBe(200);
      expect(again.status).toBe(200);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(await intentsOf(charge.metadata.order_id)).toBe(1);
    });
  });

  describe('a malformed key', () => {
    it.each([
      ['longer than 255 characters', 'k'.repeat(256)],
      ['that is empty', ''],
      ['with a space', 'has a space in it 0123'],
    ])('answers 400 invalid_request_error for a key %s, and runs nothing', async (_case, key) => {
      const charge = aCharge();
      const response = await http.post('/v1/payment_intents', charge, { idempotencyKey: key });
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        error: { type: 'invalid_request_error', message: expect.stringMatching(/^Invalid Idempotency-Key: /), param: 'Idempotency-Key' },
      });
      expect(await intentsOf(charge.metadata.order_id)).toBe(0);
    });
  });

  describe('a second request while the first with that key is running', () => {
    it('answers 409 idempotency_error, then the first one’s answer once it has finished', async () => {
      const key = randomUUID();
      const orderId = `slow-${randomUUID()}`;
      // Holds the first request inside its transaction (PaymentIntent inserted, key still running).
      const stall = `stall_${randomUUID().replace(/-/g, '')}`;
      await sandbox.prisma.$executeRawUnsafe(`CREATE FUNCTION ${stall}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$`);
      await sandbox.prisma.$executeRawUnsafe(
        `CREATE TRIGGER ${stall} BEFORE INSERT ON payment_intents FOR EACH ROW WHEN (NEW.metadata->>'order_id' = '${orderId}') EXECUTE FUNCTION ${stall}()`,
      );
      try {
        const first = http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });
        await waitFor(async () => (await keyRecord(key))?.state === 'running', 'the first request to claim its key');
        const duplicate = await http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });

        expect(duplicate.status).toBe(409);
        expect(duplicate.body).toEqual({ error: { type: 'idempotency_error', message: expect.stringContaining('another in-progress request') } });
        expect(duplicate.headers.get('retry-after')).toBe('1');

        const original = await first;
        expect(original.status).toBe(200);
        const after = await http.post('/v1/payment_intents', aCharge({ orderId }), { idempotencyKey: key });
        expect(after.headers.get('idempotent-replayed')).toBe('true');
        expect(after.text).toBe(original.text);
        expect(await intentsOf(orderId)).toBe(1);
      } finally {
        await sandbox.prisma.$executeRawUnsafe(`DROP TRIGGER ${stall} ON payment_intents`);
        await sandbox.prisma.$executeRawUnsafe(`DROP FUNCTION ${stall}()`);
      }
    });

    it('creates one PaymentIntent for 20 concurrent copies: each answer is the success, replayed, or 409', async () => {
      const key = randomUUID();
      const charge = aCharge();
      const body = toForm(charge);
      const answers = await Promise.all(Array.from({ length: 20 }, () => http.post('/v1/payment_intents', body, { idempotencyKey: key })));

      const succeeded = answers.filter((answer) => answer.status === 200);
      expect(answers.every((answer) => answer.status === 200 || answer.status === 409)).toBe(true);
      expect(succeeded.filter((answer) => answer.headers.get('idempotent-replayed') === null)).toHaveLength(1);
      expect(new Set(succeeded.map((answer) => answer.text)).size).toBe(1);
      expect(await intentsOf(charge.metadata.order_id)).toBe(1);
    });
  });

  describe('retention', () => {
    it('keeps a key 24 hours', async () => {
      const key = randomUUID();
      await http.post('/v1/payment_intents', aCharge(), { idempotencyKey: key });
      const record = await keyRecord(key);
      expect(Math.abs(record!.expiresAt.getTime() - record!.createdAt.getTime() - 86_400_000)).toBeLessThan(1000);
    });

    it('purges keys past their 24 hours (the job runs every minute), after which the key runs anew', async () => {
      const [expired, live] = [randomUUID(), randomUUID()];
      const charge = aCharge();
      await http.post('/v1/payment_intents', charge, { idempotencyKey: expired });
      await http.post('/v1/payment_intents', aCharge(), { idempotencyKey: live });
      await sandbox.prisma.idempotencyKey.update({
        where: { scope_key: { scope: sandbox.account, key: expired } },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });

      await sandbox.app.get(IdempotencyKeyPurgeJob).run();

      expect(await keyRecord(expired)).toBeNull();
      expect(await keyRecord(live)).not.toBeNull();
      const anew = await http.post('/v1/payment_intents', charge, { idempotencyKey: expired });
      expect(anew.headers.get('idempotent-replayed')).toBeNull();
      expect(await intentsOf(charge.metadata.order_id)).toBe(2);
    });
  });
});

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
