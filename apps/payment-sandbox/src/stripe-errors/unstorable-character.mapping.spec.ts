import type { Request } from 'express';
import { startTestSandbox, TestSandbox } from '../testing/test-sandbox';
import { toStripeError } from './to-stripe-error';

const request = { method: 'POST', path: '/v1/payment_intents', headers: {} } as unknown as Request;

// The last resort behind params/storable-text.ts: errors raised by the real database for U+0000,
// as an unforeseen parameter would raise them, are the client's 400, never a 500 api_error.
describe('toStripeError(error) for a character PostgreSQL cannot store', () => {
  let sandbox: TestSandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
  });
  afterAll(() => sandbox.close());

  const databaseErrorOf = async (query: () => Promise<unknown>): Promise<unknown> => {
    try {
      await query();
    } catch (error) {
      return error;
    }
    throw new Error('the database stored U+0000');
  };

  it.each([
    ['a text column (22021)', () => sandbox.prisma.paymentIntent.findFirst({ where: { id: 'pi_\u0000' } })],
    ['a raw query parameter (22021)', () => sandbox.prisma.$queryRaw`SELECT ${'a\u0000'}::text`],
    [
      'a jsonb value (22P05)',
      () =>
        sandbox.prisma.paymentIntent.create({
          data: {
            id: `pi_${crypto.randomUUID()}`,
            account: sandbox.account,
            amount: 1,
            currency: 'eur',
            status: 'succeeded',
            paymentMethod: 'pm_x',
            metadata: { a: '\u0000' },
          },
        }),
    ],
  ])('maps the refusal of U+0000 in %s to 400 invalid_request_error', async (_where, query) => {
    const stripeError = toStripeError(await databaseErrorOf(query), request);
    expect(stripeError).toMatchObject({ status: 400, error: { type: 'invalid_request_error', message: expect.stringContaining('cannot be stored') } });
  });

  it('leaves other database errors alone (a unique violation stays unexpected)', async () => {
    const id = `pi_${crypto.randomUUID()}`;
    const data = { id, account: sandbox.account, amount: 1, currency: 'eur', status: 'succeeded', paymentMethod: 'pm_x', metadata: {} };
    await sandbox.prisma.paymentIntent.create({ data });
    expect(toStripeError(await databaseErrorOf(() => sandbox.prisma.paymentIntent.create({ data })), request)).toBeUndefined();
  });
});
