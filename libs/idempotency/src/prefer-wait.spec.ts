import { preferredWaitSeconds } from './prefer-wait';

describe('preferredWaitSeconds(raw)', () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    ['wait=10', 10],
    ['Wait = 5', 5],
    ['respond-async, wait=3', 3],
    ['wait="7"', 7],
    ['wait=4; foo=bar', 4],
    [['return=minimal', 'wait=2'], 2],
    ['wait=0', 0],
    ['wait=1, wait=9', 1],
  ])('reads %j as %j seconds', (raw, seconds) => {
    expect(preferredWaitSeconds(raw)).toBe(seconds);
  });

  it.each<[string | string[] | undefined]>([
    [undefined],
    [''],
    ['respond-async'],
    ['wait'],
    ['wait=-1'],
    ['wait=1.5'],
    ['wait=abc'],
    ['wait=9999999999'],
    [[]],
  ])('finds no wait preference in %j', (raw) => {
    expect(preferredWaitSeconds(raw)).toBeUndefined();
  });
});
