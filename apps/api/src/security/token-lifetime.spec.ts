import { TOKEN_CLOCK_SKEW_SECONDS, tokenLifetimeProblem } from './token-lifetime';

const NOW = 1_800_000_000;
const MAX = 3600;

describe('tokenLifetimeProblem(claims, maxLifetimeSeconds, nowSeconds)', () => {
  it('accepts a token issued now that lives exactly the maximum', () => {
    expect(tokenLifetimeProblem({ iat: NOW, exp: NOW + MAX }, MAX, NOW)).toBeUndefined();
  });

  it('accepts an iat slightly ahead of this clock (another replica)', () => {
    expect(tokenLifetimeProblem({ iat: NOW + TOKEN_CLOCK_SKEW_SECONDS, exp: NOW + 60 + MAX }, MAX, NOW)).toBeUndefined();
  });

  it.each([
    ['no exp', { iat: NOW }, /no expiry/],
    ['an exp that is not a number', { iat: NOW, exp: String(NOW + 60) }, /no expiry/],
    ['no iat', { exp: NOW + 60 }, /no issue time/],
    ['an iat that is not a whole number', { iat: NOW + 0.5, exp: NOW + 60 }, /no issue time/],
    ['a lifetime one second over the maximum', { iat: NOW, exp: NOW + MAX + 1 }, /longer than this API allows/],
    ['a lifetime of a century', { iat: NOW, exp: NOW + 100 * 365 * 86_400 }, /longer than this API allows/],
    ['an iat far in the future, with a short lifetime from it', { iat: NOW + 10 * 365 * 86_400, exp: NOW + 10 * 365 * 86_400 + 60 }, /issued in the future/],
  ])('refuses a token with %s', (_case, claims, problem) => {
    expect(tokenLifetimeProblem(claims, MAX, NOW)).toMatch(problem);
  });
});
