// `nx run @safe-checkout/start:test` (part of `npm test`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readStartOptions } from './start-options.mjs';

describe('readStartOptions(args, env)', () => {
  it('without arguments: builds, starts the plain demo, does not reset', () => {
    assert.deepEqual(readStartOptions([], {}), { help: false, chaos: false, reset: false, build: true, unknown: [] });
  });

  it('reads every option, in any order', () => {
    assert.deepEqual(readStartOptions(['--reset', '--no-build', '--chaos'], {}), { help: false, chaos: true, reset: true, build: false, unknown: [] });
    assert.equal(readStartOptions(['--chaos', '-h'], {}).help, true);
    assert.equal(readStartOptions(['--help'], {}).help, true);
  });

  it('when SAFE_CHECKOUT_CHAOS is 1 or true: chaos mode; any other value: not', () => {
    assert.equal(readStartOptions([], { SAFE_CHECKOUT_CHAOS: '1' }).chaos, true);
    assert.equal(readStartOptions([], { SAFE_CHECKOUT_CHAOS: 'true' }).chaos, true);
    assert.equal(readStartOptions([], { SAFE_CHECKOUT_CHAOS: '0' }).chaos, false);
  });

  it('lists what is not an option, so that a typo is refused rather than ignored', () => {
    assert.deepEqual(readStartOptions(['--chaos', '--rest', 'now'], {}).unknown, ['--rest', 'now']);
  });
});
