'use client';

import { useId } from 'react';
import type { ProfileFieldKey } from '@/lib/profile/profile-field';
import type { ConflictChoice, FieldMerge } from '@/lib/profile/profile-merge';
import styles from './profile.module.css';

/** The form's label of each field, as the conflict panel names them. */
export const FIELD_LABELS: Record<ProfileFieldKey, string> = {
  name: 'Name',
  email: 'Email',
  line1: 'Address line 1',
  line2: 'Address line 2',
  city: 'City',
  postalCode: 'Postal code',
  country: 'Country',
};

const KEPT: Record<Exclude<FieldMerge['state'], 'conflict'>, string> = {
  untouched: 'Unchanged',
  mine: 'Your edit',
  theirs: 'Their change',
  same: 'The same change',
};

export interface MergeOutcomeProps {
  field: FieldMerge;
  choice: ConflictChoice | undefined;
  onChoose: (choice: ConflictChoice) => void;
}

/** What saving keeps of one field; for a field both sides changed, the choice between them. */
export function MergeOutcome({ field, choice, onChoose }: MergeOutcomeProps) {
  const name = useId();
  if (field.state !== 'conflict') return <>{KEPT[field.state]}</>;
  return (
    <fieldset className={styles.choice}>
      <legend>Both changed {FIELD_LABELS[field.key]}: keep</legend>
      {(['mine', 'theirs'] as const).map((side) => (
        <label key={side}>
          <input type="radio" name={name} value={side} checked={choice === side} onChange={() => onChoose(side)} />
          {side === 'mine' ? 'Mine' : 'Theirs'}
        </label>
      ))}
    </fieldset>
  );
}
