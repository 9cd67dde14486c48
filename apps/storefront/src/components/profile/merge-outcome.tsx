'use client';

import { useId } from 'react';
import { PROFILE_FIELD_LABELS } from '@/lib/profile/profile-field';
import type { ConflictChoice, FieldMerge } from '@/lib/profile/profile-merge';
import styles from './profile.module.css';

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
      <legend>Both changed {PROFILE_FIELD_LABELS[field.key]}: keep</legend>
      {(['mine', 'theirs'] as const).map((side) => (
        <label key={side}>
          <input type="radio" name={name} value={side} checked={choice === side} onChange={() => onChoose(side)} />
          {side === 'mine' ? 'Mine' : 'Theirs'}
        </label>
      ))}
    </fieldset>
  );
}
