import { createHmac } from 'node:crypto';
import { createTestUser, startTestApi, TestApi } from '../testing/test-api';

const MAX_LIFETIME_SECONDS = 7200;

/** An HS256 JWT over exactly `claims` (no `iat` or `exp` added), signed with `secret`. */
function signedToken(claims: Record<string, unknown>, secret: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

// Tokens signed with the API's own secret, each valid but for one rule.
describe('JwtAuthGuard: token lifetime and the Authorization header', () => {
  let api: TestApi;
  let user: { id: string; token: string };
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: Record<string, unknown>) => signedToken({ sub: user.id, ...claims }, api.config.jwtSecret);
  const me = (authorization: string) => api.http().get('/auth/me').set('Authorization', authorization);

  beforeAll(async () => {
    api = await startTestApi({ JWT_MAX_LIFETIME_SECONDS: String(MAX_LIFETIME_SECONDS), JWT_TTL_SECONDS: '600' });
    user = await createTestUser(api);
  });
  afterAll(() => api.close());

  it('accepts a hand-signed token with iat now and the maximum lifetime (the signing above is right)', async () => {
    await me(`Bearer ${sign({ iat: now(), exp: now() + MAX_LIFETIME_SECONDS })}`).expect(200);
  });

  it('accepts the login token, whose lifetime is JWT_TTL_SECONDS', async () => {
    const [, payload] = user.token.split('.');
    const { iat, exp } = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(exp - iat).toBe(600);
    await me(`Bearer ${user.token}`).expect(200);
  });

  it.each<[string, () => Record<string, unknown>]>([
    ['no exp', () => ({ iat: now() })],
    ['an exp a century away', () => ({ iat: now(), exp: now() + 100 * 365 * 86_400 })],
    ['a lifetime one second over JWT_MAX_LIFETIME_SECONDS', () => ({ iat: now(), exp: now() + MAX_LIFETIME_SECONDS + 1 })],
    ['no iat (its lifetime cannot be known)', () => ({ exp: now() + 60 })],
    ['an iat a year in the future and a short lifetime from it', () => ({ iat: now() + 365 * 86_400, exp: now() + 365 * 86_400 + 60 })],
    ['an exp in the past', () => ({ iat: now() - 120, exp: now() - 60 })],
  ])('answers 401 problem+json, with no-store, for a token with %s', async (_case, claims) => {
    const response = await me(`Bearer ${sign(claims())}`).expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).toMatchObject({ type: '/problems/unauthorized', status: 401 });
  });

  it.each<[string, (token: string) => string]>([
    ['text after the token', (token) => `Bearer ${token} junk`],
    ['a second token after a comma', (token) => `Bearer ${token}, Bearer ${token}`],
    ['two spaces', (token) => `Bearer  ${token}`],
    ['a tab instead of the space', (token) => `Bearer\t${token}`],
    ['no space', (token) => `Bearer${token}`],
    ['another scheme', (token) => `Token ${token}`],
    ['the token alone', (token) => token],
    ['the token quoted', (token) => `Bearer "${token}"`],
  ])('answers 401 for an Authorization header with %s, around a valid token', async (_case, header) => {
    const response = await me(header(user.token)).expect(401);
    expect(response.body).toMatchObject({ type: '/problems/unauthorized', status: 401 });
  });
});
