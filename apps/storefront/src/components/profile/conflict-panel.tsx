'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileFields } from '@/lib/api';
import { PROFILE_FIELD_LABELS, type ProfileFieldKey } from '@/lib/profile/profile-field';
import {
  fieldsToOverwrite,
  resolveMerge,
  unresolvedConflicts,
  type ConflictChoice,
  type ConflictChoices,
  type FieldMerge,
  type ProfileMerge,
} from '@/lib/profile/profile-merge';
import { countryName } from '@/lib/profile/countries';
import styles from './profile.module.css';

/**
 * The 412 in words: someone saved a newer version after this page loaded, so nothing was
 * overwritten. Shows who changed what, and saves only this tab's own edits on top of their version;
 * where both changed a field, the customer picks the side.
 */
export function ConflictPanel(props: { merge: ProfileMerge; onSave: (fields: ProfileFields) => void; onUseTheirs: () => void; saving: boolean }) {
  const { merge, onSave, onUseTheirs, saving } = props;
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const [choices, setChoices] = useState<ConflictChoices>({});
  const changed = merge.fields.filter((f) => f.state !== 'untouched');
  const overwrites = fieldsToOverwrite(merge);
  const unresolved = unresolvedConflicts(merge, choices);
  const choose = (key: ProfileFieldKey, side: ConflictChoice) => setChoices((current) => ({ ...current, [key]: side }));

  return (
    <section className={`callout callout--warn ${styles.conflict}`} role="alert" aria-labelledby="conflict-title" data-testid="profile-conflict">
      <h2 id="conflict-title" className="callout__title" tabIndex={-1} ref={titleRef}>
        Not saved: this profile was changed in another tab or device
      </h2>
      <p>
        Someone saved a newer version after you opened this page (the shop answered <strong>412 Precondition Failed</strong>: your copy&apos;s version no longer
        matches). Nothing was overwritten. Your edits are still in the form.
      </p>
      {changed.length > 0 && (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">What changed since you opened this page</caption>
            <thead>
              <tr>
                {['Field', 'When you opened the page', 'Your edit', 'Saved elsewhere', 'Saving keeps'].map((heading) => (
                  <th key={heading} scope="col">
                    {heading}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {changed.map((f) => (
                <tr key={f.key} data-field={f.key} data-merge={f.state}>
                  <th scope="row">{PROFILE_FIELD_LABELS[f.key]}</th>
                  <td>{shown(f.key, f.base)}</td>
                  <td>{f.state === 'theirs' ? <span className="muted">not edited</span> : shown(f.key, f.mine)}</td>
                  <td>{f.state === 'mine' ? <span className="muted">not changed</span> : shown(f.key, f.theirs)}</td>
                  <td>
                    <MergeOutcome field={f} choice={choices[f.key]} onChoose={(side) => choose(f.key, side)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {overwrites.length > 0 ? (
        <p id="conflict-save-help">
          Saving keeps their version and changes only what you edited ({labels(overwrites.map((f) => f.key))}).
          {unresolved.length > 0 && <> You both changed {labels(unresolved)}: choose which version to keep first.</>}
        </p>
      ) : (
        <p>You changed nothing that differs from their version, so there is nothing of yours to save over it.</p>
      )}
      <div className={styles.actions}>
        {overwrites.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => onSave(resolveMerge(merge, choices))}
            disabled={saving || unresolved.length > 0}
            aria-describedby="conflict-save-help"
          >
            Save their version with my edits
          </button>
        )}
        <button type="button" className={overwrites.length > 0 ? 'button button--secondary' : 'button'} onClick={onUseTheirs} disabled={saving}>
          {overwrites.length > 0 ? 'Discard my edits, use theirs' : 'Use their version'}
        </button>
      </div>
    </section>
  );
}

const KEPT = { untouched: 'Unchanged', mine: 'Your edit', theirs: 'Their change', same: 'The same change' } as const;

/** What saving keeps of one field; for a field both sides changed, the choice between them. */
function MergeOutcome({ field, choice, onChoose }: { field: FieldMerge; choice: ConflictChoice | undefined; onChoose: (choice: ConflictChoice) => void }) {
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

/** A country by its name, with the code that is stored. */
function shown(key: ProfileFieldKey, value: string): string {
  if (!value) return '—';
  const name = key === 'country' ? countryName(value) : value;
  return name === value ? value : `${name} (${value})`;
}

const labels = (keys: readonly ProfileFieldKey[]) => keys.map((key) => PROFILE_FIELD_LABELS[key]).join(', ');
