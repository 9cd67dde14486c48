import type { ProfileFields } from '../api';
import { PROFILE_FIELD_KEYS, fieldsOf, readField, sameFieldValue, withField, type ProfileFieldKey } from './profile-field';

/**
 * Where one field stands after a 412, between the version this tab loaded (`base`), this tab's
 * form (`mine`) and the version saved elsewhere meanwhile (`theirs`, read again after the 412):
 * - `untouched`: nobody changed it;
 * - `mine`: only this tab changed it, so the merge takes mine;
 * - `theirs`: only the other writer changed it, so the merge keeps theirs;
 * - `same`: both changed it to the same value;
 * - `conflict`: both changed it, to different values: the customer chooses.
 */
export type FieldMergeState = 'untouched' | 'mine' | 'theirs' | 'same' | 'conflict';

export interface FieldMerge {
  key: ProfileFieldKey;
  state: FieldMergeState;
  base: string;
  mine: string;
  theirs: string;
}

/** A field-level three-way merge of a profile: what to send instead of overwriting `theirs`. */
export interface ProfileMerge {
  theirs: ProfileFields;
  fields: FieldMerge[];
}

/** Which version a conflicting field keeps. */
export type ConflictChoice = 'mine' | 'theirs';

export type ConflictChoices = Partial<Record<ProfileFieldKey, ConflictChoice>>;

/**
 * Compares each field of this tab's edit and of the other writer's version with the version
 * both started from. Only this tab's own edits (base → mine) may replace anything of theirs:
 * a field this tab did not touch keeps their value, whatever the form still shows for it.
 *
 * @example
 * // Tab A changed City and saved; this tab changed only Name and got 412.
 * mergeProfiles(loaded, form, fresh).fields.filter((f) => f.state !== 'untouched');
 * // → [{ key: 'name', state: 'mine', … }, { key: 'city', state: 'theirs', … }]
 */
export function mergeProfiles(base: ProfileFields, mine: ProfileFields, theirs: ProfileFields): ProfileMerge {
  const fields = PROFILE_FIELD_KEYS.map((key): FieldMerge => {
    const values = { base: readField(base, key), mine: readField(mine, key), theirs: readField(theirs, key) };
    return { key, state: stateOf(key, values), ...values };
  });
  return { theirs: fieldsOf(theirs), fields };
}

function stateOf(key: ProfileFieldKey, { base, mine, theirs }: Omit<FieldMerge, 'key' | 'state'>): FieldMergeState {
  const mineChanged = !sameFieldValue(key, base, mine);
  const theirsChanged = !sameFieldValue(key, base, theirs);
  if (!mineChanged) return theirsChanged ? 'theirs' : 'untouched';
  if (!theirsChanged) return 'mine';
  return sameFieldValue(key, mine, theirs) ? 'same' : 'conflict';
}

/** The fields saving would change in their version: this tab's edits and the conflicts. */
export function fieldsToOverwrite(merge: ProfileMerge): FieldMerge[] {
  return merge.fields.filter((f) => f.state === 'mine' || f.state === 'conflict');
}

/** The conflicting fields that have no choice in `choices` yet. */
export function unresolvedConflicts(merge: ProfileMerge, choices: ConflictChoices): ProfileFieldKey[] {
  return merge.fields.filter((f) => f.state === 'conflict' && choices[f.key] === undefined).map((f) => f.key);
}

/**
 * The body of the next `PUT` (sent with their ETag in `If-Match`): their version plus this
 * tab's edits; a conflicting field takes the side chosen in `choices`. Throws when a conflict
 * has no choice: keeping mine over theirs must be the customer's explicit decision.
 */
export function resolveMerge(merge: ProfileMerge, choices: ConflictChoices): ProfileFields {
  const unresolved = unresolvedConflicts(merge, choices);
  if (unresolved.length > 0) throw new Error(`choose mine or theirs for: ${unresolved.join(', ')}`);
  return merge.fields.reduce(
    (body, f) => (f.state === 'mine' || (f.state === 'conflict' && choices[f.key] === 'mine') ? withField(body, f.key, f.mine) : body),
    fieldsOf(merge.theirs),
  );
}
