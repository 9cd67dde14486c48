import { accountOf, isSecretKey, maskSecretKey, presentedSecretKey } from './secret-key';

const basic = (userPass: string) => `Basic ${Buffer.from(userPass).toString('base64')}`;

describe('presentedSecretKey(authorization)', () => {
  it.each([
    ['Bearer sk_test_abc', 'sk_test_abc'],
    ['bearer sk_test_abc', 'sk_test_abc'],
    ['  Bearer   sk_test_abc  ', 'sk_test_abc'],
    [basic('sk_test_abc:'), 'sk_test_abc'],
    [basic('sk_test_abc'), 'sk_test_abc'],
    [basic('sk_test_abc:ignored-password'), 'sk_test_abc'],
  ])('reads %j as %j', (header, key) => {
    expect(presentedSecretKey(header)).toBe(key);
  });

  it.each([[undefined], [''], ['Bearer'], ['Bearer '], ['Token sk_test_abc'], ['Bearer a b'], [basic(':password')], ['sk_test_abc']])(
    'finds no key in %j',
    (header) => {
      expect(presentedSecretKey(header)).toBeUndefined();
    },
  );
});

describe('isSecretKey(presented, expected)', () => {
  it('is true only for the same key, whatever the lengths', () => {
    expect(isSecretKey('sk_test_abc', 'sk_test_abc')).toBe(true);
    expect(isSecretKey('sk_test_abd', 'sk_test_abc')).toBe(false);
    expect(isSecretKey('sk_test_ab', 'sk_test_abc')).toBe(false);
    expect(isSecretKey('', 'sk_test_abc')).toBe(false);
  });
});

describe('accountOf(secretKey)', () => {
  it('is acct_ and 16 characters, the same for the same key and different for another', () => {
    expect(accountOf('sk_test_safe_checkout_sandbox')).toMatch(/^acct_[0-9A-Za-z]{16}$/);
    expect(accountOf('sk_test_safe_checkout_sandbox')).toBe(accountOf('sk_test_safe_checkout_sandbox'));
    expect(accountOf('sk_test_other')).not.toBe(accountOf('sk_test_safe_checkout_sandbox'));
  });
});

describe('maskSecretKey(key)', () => {
  it('keeps the first eight and the last four characters, as Stripe echoes a wrong key', () => {
    expect(maskSecretKey('sk_test_0123456789abcdef')).toBe('sk_test_************cdef');
    expect(maskSecretKey('short')).toBe('*****');
  });
});
