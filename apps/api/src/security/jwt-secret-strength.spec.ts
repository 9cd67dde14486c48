import { randomBytes } from 'node:crypto';
import { MIN_PRODUCTION_JWT_SECRET_BYTES, weakJwtSecretReason } from './jwt-secret-strength';

describe('weakJwtSecretReason(secret)', () => {
  it.each([
    ['openssl rand -base64 48', randomBytes(48).toString('base64')],
    ['openssl rand -hex 32', randomBytes(32).toString('hex')],
    ['a long passphrase', 'correct horse battery staple, then some more words'],
  ])('accepts a secret made like %s', (_how, secret) => {
    expect(weakJwtSecretReason(secret)).toBeUndefined();
  });

  it.each([
    ['one byte short', 'k'.repeat(MIN_PRODUCTION_JWT_SECRET_BYTES - 1), /at least 32 bytes \(got 31\)/],
    ['32 spaces', ' '.repeat(32), /only whitespace/],
    ['tabs, newlines and spaces', ' \t\n\r'.repeat(10), /only whitespace/],
    ['one character repeated', 'k'.repeat(64), /at least 10 distinct characters \(got 1\)/],
    ['nine distinct characters', '123456789'.repeat(4), /distinct characters \(got 9\)/],
    ['a ten-character unit repeated', 'abcdefghij'.repeat(4), /repeats every 10 characters/],
    ['a unit repeated with a partial tail', 'Tr0ub4dor&3x'.repeat(3) + 'Tr0', /repeats every 12 characters/],
  ])('refuses %s', (_case, secret, reason) => {
    expect(weakJwtSecretReason(secret)).toMatch(reason);
  });

  it('never repeats the secret in its reason', () => {
    const secret = 'abcdefghij'.repeat(4);
    expect(weakJwtSecretReason(secret)).not.toContain(secret.slice(0, 10));
  });
});
