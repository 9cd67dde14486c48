import { randomUUID } from 'node:crypto';
import { Controller, Get, Module } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Response } from 'supertest';
import { createTestProduct, createTestUser, newIdempotencyKey, startTestApi, TestApi } from '../testing/test-api';
import { AuthenticatedUser, CurrentUser } from './authenticated-user';

// Shows the guard's verdict on the caller as is: no authenticated route returns the token's email.
@Controller('test-only')
class WhoAmIController {
  @Get('whoami')
  whoAmI(@CurrentUser() caller: AuthenticatedUser): AuthenticatedUser {
    return caller;
  }
}

@Module({ controllers: [WhoAmIController] })
class WhoAmIModule {}

type Victim = Awaited<ReturnType<typeof createTestUser>>;

describe('JwtAuthGuard: a validly signed token is accepted only when its sub names an existing user', () => {
  let api: TestApi;
  let victim: Victim;
  let victimOrderId: string;
  let productId: string;
  let deletedUserId: string;
  let deletedUserToken: string;
  const usedKeys: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({}, [WhoAmIModule]);
    victim = await createTestUser(api);
    productId = (await createTestProduct(api, 10)).id;
    const order = await api
      .http()
      .post('/orders')
      .set('Authorization', `Bearer ${victim.token}`)
      .set('Idempotency-Key', newIdempotencyKey())
      .send({ paymentMethod: 'pm_card_visa', items: [{ productId, quantity: 1 }] })
      .expect(201);
    victimOrderId = order.body.id;
    const deleted = await createTestUser(api);
    await api.prisma.user.delete({ where: { id: deleted.id } });
    [deletedUserId, deletedUserToken] = [deleted.id, deleted.token];
  });
  afterAll(() => api.close());

  // Signed with the API's own key and algorithm: everything about these tokens is valid but `sub`.
  const forge = (claims: Record<string, unknown>) => api.app.get(JwtService).signAsync(claims);

  const withBearer = (token: string) => ({
    get: (path: string) => api.http().get(path).set('Authorization', `Bearer ${token}`),
    put: (path: string) => api.http().put(path).set('Authorization', `Bearer ${token}`),
    post: (path: string) => api.http().post(path).set('Authorization', `Bearer ${token}`),
  });

  // Every authenticated route, aimed at the victim's data and, for a string sub, at the sub itself
  // (before the fix, `GET /users/<VICTIM-ID-IN-UPPER-CASE>` passed the "own profile" check).
  const requests = (token: string, sub: unknown): [string, () => Promise<Response>][] => {
    const as = withBearer(token);
    const profileIds = typeof sub === 'string' && sub !== '' && sub !== victim.id ? [victim.id, encodeURIComponent(sub)] : [victim.id];
    return [
      ['GET /auth/me', () => as.get('/auth/me')],
      ['GET /orders', () => as.get('/orders')],
      ["GET /orders/:id (the victim's order)", () => as.get(`/orders/${victimOrderId}`)],
      [
        'POST /orders',
        () => {
          const key = newIdempotencyKey();
          usedKeys.push(key.slice(1, -1));
          return as
            .post('/orders')
            .set('Idempotency-Key', key)
            .send({ paymentMethod: 'pm_card_visa', items: [{ productId, quantity: 1 }] });
        },
      ],
      ...profileIds.flatMap((id): [string, () => Promise<Response>][] => [
        [`GET /users/${id}`, () => as.get(`/users/${id}`)],
        [
          `PUT /users/${id}`,
          () =>
            as.put(`/users/${id}`).send({
              name: 'Mallory',
              email: `mallory-${randomUUID()}@example.test`,
              shippingAddress: { line1: '1 Evil Lane', city: 'Elsewhere', postalCode: '66666', country: 'FR' },
            }),
        ],
      ]),
      ['GET /test-only/whoami', () => as.get('/test-only/whoami')],
    ];
  };

  // Sends every request before asserting, so that a failure lists every route that answered wrong.
  const expectUnauthorizedEverywhere = async (token: string, sub: unknown) => {
    const answers = [];
    for (const [route, send] of requests(token, sub)) {
      const response = await send();
      answers.push({
        route,
        status: response.status,
        contentType: response.headers['content-type'],
        type: response.body?.type,
        leaksVictimData: response.text.includes(victim.email) || response.text.includes(victimOrderId),
      });
    }
    expect(answers).toEqual(
      answers.map(({ route }) => ({
        route,
        status: 401,
        contentType: expect.stringMatching(/^application\/problem\+json/),
        type: '/problems/unauthorized',
        leaksVictimData: false,
      })),
    );
  };

  it.each<[string, () => Record<string, unknown>]>([
    ["no sub at all (only the victim's email)", () => ({ email: victim.email })],
    ['an empty sub', () => ({ sub: '', email: victim.email })],
    ['a sub that is not a UUID', () => ({ sub: 'alice', email: victim.email })],
    ["the victim's id in upper case", () => ({ sub: victim.id.toUpperCase(), email: victim.email })],
    ["the victim's id in braces", () => ({ sub: `{${victim.id}}`, email: victim.email })],
    ['a numeric sub', () => ({ sub: 42 })],
    ["an array sub holding the victim's id", () => ({ sub: [victim.id] })],
    ['an object sub that Prisma would read as a filter ("every user but the victim")', () => ({ sub: { not: victim.id } })],
    ['a null sub', () => ({ sub: null })],
    ['the sub of a user that no longer exists', () => ({ sub: deletedUserId })],
    ['a UUID that never was a user', () => ({ sub: randomUUID() })],
  ])('answers 401 problem+json on every authenticated route for a signed token with %s', async (_case, claims) => {
    const payload = claims();
    await expectUnauthorizedEverywhere(await forge(payload), payload.sub);
  });

  it('answers 401 on every authenticated route for the genuine login token of a user deleted since', async () => {
    await expectUnauthorizedEverywhere(deletedUserToken, deletedUserId);
  });

  it('wrote nothing and changed nothing for any rejected token', async () => {
    expect(usedKeys.length).toBeGreaterThan(0);
    expect(await api.prisma.idempotencyKey.count({ where: { key: { in: usedKeys } } })).toBe(0);
    expect(await api.prisma.order.count({ where: { userId: victim.id } })).toBe(1);
    expect(await api.prisma.order.count({ where: { userId: deletedUserId } })).toBe(0);
    expect((await api.prisma.product.findUniqueOrThrow({ where: { id: productId } })).stock).toBe(9);
    expect(await api.prisma.user.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({ email: victim.email, name: 'Test User', updatedAt: null });
  });

  it("takes the caller's email from the database, never from the token's email claim", async () => {
    const token = await forge({ sub: victim.id, email: 'mallory@example.test' });
    const response = await withBearer(token).get('/test-only/whoami').expect(200);
    expect(response.body).toEqual({ id: victim.id, email: victim.email });
  });

  it('still accepts a token whose sub is the canonical id of an existing user, on every authenticated route', async () => {
    const user = await createTestUser(api);
    const token = await forge({ sub: user.id });
    const as = withBearer(token);
    await as.get('/auth/me').expect(200);
    await as.get('/orders').expect(200);
    await as.get(`/users/${user.id}`).expect(200);
    await as
      .post('/orders')
      .set('Idempotency-Key', newIdempotencyKey())
      .send({ paymentMethod: 'pm_card_visa', items: [{ productId, quantity: 1 }] })
      .expect(201);
  });
});

describe('JwtAuthGuard when the database is unreachable', () => {
  it('answers 503 service-unavailable, not 401: the token may be fine, the lookup failed', async () => {
    // A port nothing listens on: the pool's connection attempts are refused at once.
    const api = await startTestApi({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:9/nowhere' });
    try {
      const token = await api.app.get(JwtService).signAsync({ sub: randomUUID() });
      for (const path of ['/auth/me', '/orders']) {
        const response = await api.http().get(path).set('Authorization', `Bearer ${token}`).expect(503);
        expect(response.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
      }
    } finally {
      await api.close();
    }
  });
});
