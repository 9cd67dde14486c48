import type { ProfileFields } from '../api';
import { PROFILE_FIELD_KEYS, fieldsOf, readField, sameFieldValue, withField, type ProfileFieldKey } from './profile-field';

/**
 * Where one field stands after a 412, between the version this tab loaded (`base`), this tab's form
 * (`mine`) and the version saved elsewhere meanwhile (`theirs`): changed by nobody (`untouched`), by
 * one side only (`mine`, `theirs`), by both to the same value (`same`) or to different ones (`conflict`: the customer chooses).
 */
export type FieldMergeState = 'untouched' | 'mine' | 'theirs' | 'same' | 'conflict';

export interface FieldMerge {
  key: ProfileFieldKey;
  state: FieldMergeState;
  base: string;
  mine: string;
  theirs: string;
}

export interface ProfileMerge {
  theirs: ProfileFields;
  fields: FieldMerge[];
}

export type ConflictChoice = 'mine' | 'theirs';
export type ConflictChoices = Partial<Record<ProfileFieldKey, ConflictChoice>>;

/**
 * A field-level three-way merge: only this tab's own edits (base → mine) may replace anything of
 * theirs; a field this tab did not touch keeps their value, whatever the form still shows for it.
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

/** The fields saving would change in their version. */
export function fieldsToOverwrite(merge: ProfileMerge): FieldMerge[] {
  return merge.fields.filter((f) => f.state === 'mine' || f.state === 'conflict');
}

export function unresolvedConflicts(merge: ProfileMerge, choices: ConflictChoices): ProfileFieldKey[] {
  return merge.fields.filter((f) => f.state === 'conflict' && choices[f.key] === undefined).map((f) => f.key);
}

/**
 * The next `PUT` body (sent with their ETag): their version plus this tab's edits, each conflict
 * the side chosen. Throws while a conflict has no choice: mine over theirs must be the customer's decision.
 */
export function resolveMerge(merge: ProfileMerge, choices: ConflictChoices): ProfileFields {
  const unresolved = unresolvedConflicts(merge, choices);
  if (unresolved.length > 0) throw new Error(`choose mine or theirs for: ${unresolved.join(', ')}`);
  return merge.fields.reduce(
    (body, f) => (f.state === 'mine' || (f.state === 'conflict' && choices[f.key] === 'mine') ? withField(body, f.key, f.mine) : body),
    fieldsOf(merge.theirs),
  );
}
