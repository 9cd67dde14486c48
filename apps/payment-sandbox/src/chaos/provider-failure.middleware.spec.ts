import { randomUUID } from 'node:crypto';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';
import { providerFailureMiddleware } from './provider-failure.middleware';

describe('the sandbox in chaos mode (providerFailureMiddleware)', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => (sandbox = await startTestSandbox({}, (app) => app.use(providerFailureMiddleware))));
  afterAll(() => sandbox.close());

  const charge = (orderId: string, headers: Record<string, string> = {}) =>
    fetch(`${sandbox.url}/v1/payment_intents`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${sandbox.secretKey}`,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Idempotency-Key': `chaos-${orderId}`,
        ...headers,
      },
      body: new URLSearchParams({ amount: '500', currency: 'eur', payment_method: 'pm_card_visa', confirm: 'true', 'metadata[order_id]': orderId }).toString(),
    });

  it('answers a request marked server-failure with 500 api_error, charging and storing nothing, so the same key then charges once', async () => {
    const orderId = randomUUID();
    const failed = await charge(orderId, { 'X-Chaos-Fault': 'server-failure' });

    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { type: string } }).error.type).toBe('api_error');
    expect(await sandbox.prisma.paymentIntent.count({ where: { metadata: { path: ['order_id'], equals: orderId } } })).toBe(0);
    expect((await charge(orderId)).status).toBe(200);
    expect((await charge(orderId)).headers.get('idempotent-replayed')).toBe('true');
    expect(await sandbox.prisma.paymentIntent.count({ where: { metadata: { path: ['order_id'], equals: orderId } } })).toBe(1);
  });
});
