import { startTestApi, TestApi } from '../testing/test-api';
import { MAX_LISTED_VALIDATION_ERRORS } from './validation-problem';

describe('validation problems: bounded, and unknown members refused before the DTO rules run', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  // 1 200 members fit the 16 KiB body limit; 9 000 (89 kB) would be refused from Content-Length (413).
  it(`answers a login body with 1 200 extra members 400 listing ${MAX_LISTED_VALIDATION_ERRORS} of them, with errorCount, in under 2 kB`, async () => {
    const body: Record<string, unknown> = { email: 'alice@example.com', password: 'wrong' };
    for (let i = 0; i < 1_200; i++) body[`m${i}`] = 0;
    const answer = await api.http().post('/auth/login').send(body).expect(400);
    expect(answer.body.type).toMatch(/\/problems\/validation-failed$/);
    expect(answer.body.errors).toHaveLength(MAX_LISTED_VALIDATION_ERRORS);
    expect(answer.body.errors[0]).toEqual({ field: 'm0', messages: ['property m0 should not exist'] });
    expect(answer.body.errorCount).toBe(1_200);
    expect(Buffer.byteLength(answer.text)).toBeLessThan(2_048);
  });

  it('refuses unknown members before the DTO rules: a bad email next to them is not even checked', async () => {
    const answer = await api.http().post('/auth/login').send({ email: 'not-an-email', password: 'x', extra: 1 }).expect(400);
    expect(answer.body).toMatchObject({ errors: [{ field: 'extra', messages: ['property extra should not exist'] }], errorCount: 1 });
  });

  it('finds unknown members inside nested DTOs too, with their path', async () => {
    const user = await api.http().post('/auth/login').send({ email: 'alice@example.com', password: 'demo-password' }).expect(200);
    const answer = await api
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${user.body.accessToken}`)
      .set('Idempotency-Key', `"${'k'.repeat(32)}"`)
      .send({
        paymentMethod: 'pm_card_visa',
        items: [
          { productId: 'p', quantity: 1 },
          { productId: 'p', quantity: 1, colour: 'red' },
        ],
      })
      .expect(400);
    expect(answer.body).toMatchObject({ errors: [{ field: 'items.1.colour', messages: ['property colour should not exist'] }], errorCount: 1 });
  });

  it('still lists the rule-breaking members of a body without unknown ones, with errorCount', async () => {
    const answer = await api.http().post('/auth/login').send({ email: 'not-an-email', password: '' }).expect(400);
    expect(answer.body.errorCount).toBe(2);
    expect(answer.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });
});
