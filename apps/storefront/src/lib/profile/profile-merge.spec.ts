import type { ProfileFields } from '../api';
import { withField, type ProfileFieldKey } from './profile-field';
import { fieldsToOverwrite, mergeProfiles, resolveMerge, unresolvedConflicts } from './profile-merge';

const LOADED: ProfileFields = {
  name: 'Bob Example',
  email: 'bob@example.com',
  shippingAddress: { line1: '2 Backoff Lane', line2: '', city: 'Retryton', postalCode: 'RT1 2AB', country: 'GB' },
};
const changed = (fields: Partial<Record<ProfileFieldKey, string>>): ProfileFields =>
  (Object.entries(fields) as [ProfileFieldKey, string][]).reduce((p, [key, value]) => withField(p, key, value), LOADED);
const statesOf = (merge: ReturnType<typeof mergeProfiles>) =>
  Object.fromEntries(merge.fields.filter((f) => f.state !== 'untouched').map((f) => [f.key, f.state]));

describe('mergeProfiles(base, mine, theirs), then resolveMerge(merge, choices)', () => {
  it('when the other tab changed City and this tab only Name, keeps their City and adds my Name', () => {
    const merge = mergeProfiles(LOADED, changed({ name: 'Robert' }), changed({ city: 'Jitterton' }));
    expect(statesOf(merge)).toEqual({ name: 'mine', city: 'theirs' });
    expect(resolveMerge(merge, {})).toEqual(changed({ name: 'Robert', city: 'Jitterton' }));
  });

  it('when both changed City to different values, lists it as a conflict and saves nothing until it is decided', () => {
    const merge = mergeProfiles(LOADED, changed({ city: 'Backoff Bay' }), changed({ city: 'Jitterton', line2: 'Flat A' }));
    expect(statesOf(merge)).toEqual({ city: 'conflict', line2: 'theirs' });
    expect(unresolvedConflicts(merge, {})).toEqual(['city']);
    expect(() => resolveMerge(merge, {})).toThrow(/city/);
  });

  it('when a conflict is decided, takes the chosen side for exactly that field and theirs elsewhere', () => {
    const merge = mergeProfiles(LOADED, changed({ city: 'Backoff Bay', name: 'Robert' }), changed({ city: 'Jitterton', line2: 'Flat A' }));
    expect(resolveMerge(merge, { city: 'mine' })).toEqual(changed({ city: 'Backoff Bay', name: 'Robert', line2: 'Flat A' }));
    expect(resolveMerge(merge, { city: 'theirs' })).toEqual(changed({ city: 'Jitterton', name: 'Robert', line2: 'Flat A' }));
  });

  it('when this tab changed nothing, has nothing to overwrite and resolves to their version', () => {
    const theirs = changed({ city: 'Jitterton' });
    const merge = mergeProfiles(LOADED, LOADED, theirs);
    expect(fieldsToOverwrite(merge)).toEqual([]);
    expect(resolveMerge(merge, {})).toEqual(theirs);
  });

  it('when both made the same change, calls it "same", not a conflict, and has nothing to overwrite', () => {
    const merge = mergeProfiles(LOADED, changed({ city: 'Jitterton' }), changed({ city: 'Jitterton', name: 'Robert' }));
    expect(statesOf(merge)).toEqual({ city: 'same', name: 'theirs' });
    expect(fieldsToOverwrite(merge)).toEqual([]);
  });

  it('when my edit only differs in what the API normalises (spaces, letter case), treats it as no edit', () => {
    const merge = mergeProfiles(LOADED, changed({ city: ' Retryton ', country: 'gb', email: 'Bob@Example.com' }), changed({ city: 'Jitterton' }));
    expect(statesOf(merge)).toEqual({ city: 'theirs' });
    expect(resolveMerge(merge, {}).shippingAddress.city).toBe('Jitterton');
  });

  it('when this tab cleared an optional field the other left alone, the merge clears it too', () => {
    const base = changed({ line2: 'Flat 2' });
    const merge = mergeProfiles(base, withField(base, 'line2', ''), withField(base, 'name', 'Robert'));
    expect(resolveMerge(merge, {})).toMatchObject({ name: 'Robert', shippingAddress: { line2: '' } });
  });

  it('leaves its inputs as they were', () => {
    const theirs = changed({ city: 'Jitterton' });
    const snapshot = structuredClone(theirs);
    resolveMerge(mergeProfiles(LOADED, changed({ name: 'Robert' }), theirs), {});
    expect(theirs).toEqual(snapshot);
  });
});
