import { ownedBy, requireOwnerId } from './owner-scope';

const CALLER_ID = '0b6c2f1e-8a4d-4f3b-9c2e-5d7a1b3c4e5f';

describe('ownedBy(userId)', () => {
  it('builds the owner filter for a non-empty string id', () => {
    expect(ownedBy(CALLER_ID)).toEqual({ userId: CALLER_ID });
  });

  // Each of these, used as `where: { userId }`, would make Prisma drop or break the filter.
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['an empty string', ''],
    ['a number', 42],
    ['an array', [CALLER_ID]],
    ['an object (a Prisma filter: every other user)', { not: CALLER_ID }],
    ['a boolean', true],
  ])('when the id is %s, throws instead of returning a filter', (_case, userId) => {
    expect(() => ownedBy(userId)).toThrow(/refusing an unscoped data access/);
  });
});

describe('requireOwnerId(userId)', () => {
  it('returns a non-empty string id unchanged', () => {
    expect(requireOwnerId(CALLER_ID)).toBe(CALLER_ID);
  });

  it.each([undefined, null, '', 0, [], {}])('when the id is %p, throws', (userId) => {
    expect(() => requireOwnerId(userId)).toThrow(/refusing an unscoped data access/);
  });
});
