import { DEFAULT_RETURN_PATH, safeReturnPath } from './safe-return-path';

const ORIGIN = 'http://localhost:4200';

describe('safeReturnPath(target, storefrontOrigin)', () => {
  describe('when the target is a path of this storefront', () => {
    it.each([
      ['/cart', '/cart'],
      ['/orders/abc?x=1#y', '/orders/abc?x=1#y'],
      ['/', '/'],
      ['/how-it-works#exercises', '/how-it-works#exercises'],
      ['/orders?next=%2Fcart', '/orders?next=%2Fcart'],
      ['/orders/../cart', '/cart'],
      // Only a path of this shop (a 404), not a script: the scheme is not at the start.
      ['/javascript:alert(1)', '/javascript:alert(1)'],
    ])('returns %j as %j', (target, expected) => {
      expect(safeReturnPath(target, ORIGIN)).toBe(expected);
    });
  });

  // Each of these was seen to take a browser, or a naive check, to another origin or into a script.
  describe.each([
    ['a backslash (browsers read it as a slash)', '/\\evil.example'],
    ['an encoded backslash', '/%5Cevil.example'],
    ['a lower-case encoded backslash', '/%5cevil.example'],
    ['a doubly encoded backslash', '/%255Cevil.example'],
    ['a slash and a backslash', '/\\/evil'],
    ['a tab the URL parser drops', '/\t/evil'],
    ['an encoded tab', '/%09/evil.example'],
    ['a carriage return and line feed', '/\r\n/evil.example'],
    ['an encoded CR/LF', '/%0D%0A/evil.example'],
    ['a line feed', '/\n/evil.example'],
    ['a NUL', '/cart\u0000'],
    ['a leading space', ' /cart'],
    ['a protocol-relative URL', '//evil.example'],
    ['a protocol-relative URL with a path', '//evil.example/cart'],
    ['encoded slashes', '%2F%2Fevil.example'],
    ['a slash then an encoded slash', '/%2Fevil.example'],
    ['a path that normalises to two slashes', '/.//evil.example'],
    ['a path that climbs to two slashes', '/x/..//evil.example'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a mixed-case javascript: URL', 'JaVaScRiPt:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['an absolute URL elsewhere', 'https://evil.example'],
    ['an absolute URL that mentions this origin', 'https://evil.example/http://localhost:4200/'],
    ['user-info in an absolute URL', 'https://localhost:4200@evil.example'],
    ['user-info after a slash', '/@evil.example'],
    ['an encoded @ after a slash', '/%40evil.example'],
    ['an @ deeper in the path', '/orders/@evil.example'],
    ['user-info behind two slashes', '//localhost:4200@evil.example'],
    ['a relative path', 'cart'],
    ['an empty string', ''],
    ['broken percent-encoding', '/cart%E0%A4%A'],
    ['encoding nested deeper than three layers', '/a%2525252541'],
  ])('when the target has %s', (_name, target) => {
    it(`returns the default, never another origin (${JSON.stringify(target)})`, () => {
      const result = safeReturnPath(target, ORIGIN);
      expect(result).toBe(DEFAULT_RETURN_PATH);
      expect(new URL(result, ORIGIN).origin).toBe(ORIGIN);
    });
  });

  it.each([[undefined], [null], [['/cart', '//evil.example']], [42]])('when the target is not a string (%j), returns the default', (target) => {
    expect(safeReturnPath(target, ORIGIN)).toBe(DEFAULT_RETURN_PATH);
  });

  it('when a fallback is given, returns it for a refused target', () => {
    expect(safeReturnPath('//evil.example', ORIGIN, '/cart')).toBe('/cart');
  });

  it('when an @ is only in the query (an email address), accepts the path', () => {
    expect(safeReturnPath('/profile?email=alice@example.com', ORIGIN)).toBe('/profile?email=alice@example.com');
  });
});
