import { createHmac } from 'node:crypto';
import { startTestApi, TestApi } from '../testing/test-api';

describe('POST /auth/login and GET /auth/me', () => {
  let api: TestApi;
  beforeAll(async () => (api = await startTestApi()));
  afterAll(() => api.close());

  it('logs a seeded demo user in with a bearer token and the user', async () => {
    const response = await api.http().post('/auth/login').send({ email: 'alice@example.com', password: 'demo-password' }).expect(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      user: { id: expect.any(String), email: 'alice@example.com', name: expect.any(String) },
    });
    const me = await api.http().get('/auth/me').set('Authorization', `Bearer ${response.body.accessToken}`).expect(200);
    expect(me.body).toEqual(response.body.user);
  });

  it('answers a wrong password and an unknown email alike: 401 invalid-credentials', async () => {
    for (const credentials of [
      { email: 'alice@example.com', password: 'wrong' },
      { email: 'nobody@example.com', password: 'demo-password' },
    ]) {
      const response = await api.http().post('/auth/login').send(credentials).expect(401);
      expect(response.body).toMatchObject({ type: '/problems/invalid-credentials', status: 401 });
    }
  });

  it('answers a login without an email with 400 validation-failed listing the field', async () => {
    const response = await api.http().post('/auth/login').send({ password: 'x' }).expect(400);
    expect(response.body).toMatchObject({ type: '/problems/validation-failed', errors: [expect.objectContaining({ field: 'email' })] });
  });

  it('answers a missing, malformed or forged token with 401 unauthorized', async () => {
    await api
      .http()
      .get('/auth/me')
      .expect(401)
      .expect('Content-Type', /problem\+json/);
    await api.http().get('/auth/me').set('Authorization', 'Bearer not-a-jwt').expect(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const response = await api.http().get('/auth/me').set('Authorization', `Bearer ${forged}`).expect(401);
    expect(response.body.type).toBe('/problems/unauthorized');
  });

  it('accepts only HS256 tokens signed with the secret and not expired: unsigned (alg none), expired and other-algorithm tokens get 401', async () => {
    const { user } = (await api.http().post('/auth/login').send({ email: 'alice@example.com', password: 'demo-password' }).expect(200)).body;
    const now = Math.floor(Date.now() / 1000);
    const claims = { sub: user.id, email: user.email, iat: now - 10 };
    const valid = signedToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now + 60 }, api.config.jwtSecret);
    expect((await api.http().get('/auth/me').set('Authorization', `Bearer ${valid}`).expect(200)).body).toEqual(user);
    for (const token of [
      `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ ...claims, exp: now + 60 })}.`,
      signedToken({ alg: 'HS256', typ: 'JWT' }, { ...claims, exp: now - 1 }, api.config.jwtSecret),
      signedToken({ alg: 'HS512', typ: 'JWT' }, { ...claims, exp: now + 60 }, api.config.jwtSecret, 'sha512'),
    ]) {
      const response = await api.http().get('/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body.type).toBe('/problems/unauthorized');
    }
  });
});

function base64url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

function signedToken(header: object, payload: object, secret: string, hash = 'sha256'): string {
  const unsigned = `${base64url(header)}.${base64url(payload)}`;
  return `${unsigned}.${createHmac(hash, secret).update(unsigned).digest('base64url')}`;
}
