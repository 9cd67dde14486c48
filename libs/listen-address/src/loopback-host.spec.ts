import { DEFAULT_HOST, isLoopbackHost } from './loopback-host';

describe('isLoopbackHost(host)', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '0:0:0:0:0:0:0:1', '0::1', '::ffff:127.0.0.1'])(
    'is true for the loopback address %s',
    (host) => expect(isLoopbackHost(host)).toBe(true),
  );

  it.each([
    '0.0.0.0',
    '::',
    '',
    '[::]',
    '192.168.1.20',
    '10.0.0.1',
    '::ffff:10.0.0.1',
    '128.0.0.1',
    '::2',
    '1::1',
    'fe80::1',
    'example.test',
    'localhost.example.test',
    'sandbox.internal',
  ])('is false for the wildcard, network address or name %j', (host) => expect(isLoopbackHost(host)).toBe(false));
});

describe('DEFAULT_HOST', () => {
  it('is a loopback address', () => expect(isLoopbackHost(DEFAULT_HOST)).toBe(true));
});
