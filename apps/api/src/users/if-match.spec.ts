import { ifMatchAllows } from './if-match';

describe('ifMatchAllows', () => {
  it('allows the change when no If-Match is sent', () => expect(ifMatchAllows(undefined, '"a"')).toBe(true));
  it('allows the current ETag, alone or in a list', () => {
    expect(ifMatchAllows('"a"', '"a"')).toBe(true);
    expect(ifMatchAllows('"x", "a"', '"a"')).toBe(true);
  });
  it('allows * for an existing resource', () => expect(ifMatchAllows('*', '"a"')).toBe(true));
  it('refuses a stale ETag and a weak one (strong comparison)', () => {
    expect(ifMatchAllows('"b"', '"a"')).toBe(false);
    expect(ifMatchAllows('W/"a"', '"a"')).toBe(false);
  });
});
