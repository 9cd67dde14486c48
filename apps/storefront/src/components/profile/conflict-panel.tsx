'use client';

import { useEffect, useRef, useState } from 'react';
import type { ProfileFields } from '@/lib/api';
import { PROFILE_FIELD_LABELS, type ProfileFieldKey } from '@/lib/profile/profile-field';
import { fieldsToOverwrite, resolveMerge, unresolvedConflicts, type ConflictChoices, type FieldMerge, type ProfileMerge } from '@/lib/profile/profile-merge';
import { countryName } from '@/lib/profile/countries';
import { MergeOutcome } from './merge-outcome';
import styles from './profile.module.css';

export interface ConflictPanelProps {
  /** This tab's edits against the version saved elsewhere, both relative to the version loaded. */
  merge: ProfileMerge;
  /** Saves `fields` (their version plus this tab's edits) over their version. */
  onSave: (fields: ProfileFields) => void;
  onUseTheirs: () => void;
  saving: boolean;
}

/**
 * The 412 case in words: someone saved a newer version after this page loaded, so the save
 * was refused and nothing was overwritten. Shows who changed what since this page loaded, and
 * saves only this tab's own edits on top of their version; where both changed the same field,
 * the customer picks the side.
 */
export function ConflictPanel({ merge, onSave, onUseTheirs, saving }: ConflictPanelProps) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const [choices, setChoices] = useState<ConflictChoices>({});
  const changed = merge.fields.filter((f) => f.state !== 'untouched');
  const overwrites = fieldsToOverwrite(merge);
  const unresolved = unresolvedConflicts(merge, choices);
  const choose = (key: ProfileFieldKey, side: 'mine' | 'theirs') => setChoices((current) => ({ ...current, [key]: side }));

  return (
    <section className={`callout callout--warn ${styles.conflict}`} role="alert" aria-labelledby="conflict-title" data-testid="profile-conflict">
      <h2 id="conflict-title" className="callout__title" tabIndex={-1} ref={titleRef}>
        Not saved: this profile was changed in another tab or device
      </h2>
      <p>
        Someone saved a newer version after you opened this page (the shop answered <strong>412 Precondition Failed</strong>: your copy&apos;s version no longer
        matches). Nothing was overwritten. Your edits are still in the form.
      </p>
      {changed.length > 0 && <ChangesTable fields={changed} choices={choices} onChoose={choose} />}
      {overwrites.length > 0 ? (
        <p id="conflict-save-help">
          Saving keeps their version and changes only what you edited ({labels(overwrites)}).
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

function ChangesTable({
  fields,
  choices,
  onChoose,
}: {
  fields: FieldMerge[];
  choices: ConflictChoices;
  onChoose: (key: ProfileFieldKey, side: 'mine' | 'theirs') => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table table--compact">
        <caption className="visually-hidden">What changed since you opened this page</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">When you opened the page</th>
            <th scope="col">Your edit</th>
            <th scope="col">Saved elsewhere</th>
            <th scope="col">Saving keeps</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.key} data-field={f.key} data-merge={f.state}>
              <th scope="row">{PROFILE_FIELD_LABELS[f.key]}</th>
              <td>{shown(f.key, f.base)}</td>
              <td>{f.state === 'theirs' ? <span className="muted">not edited</span> : shown(f.key, f.mine)}</td>
              <td>{f.state === 'mine' ? <span className="muted">not changed</span> : shown(f.key, f.theirs)}</td>
              <td>
                <MergeOutcome field={f} choice={choices[f.key]} onChoose={(side) => onChoose(f.key, side)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A field's value as the form shows it: a country by its name, with the code that is stored. */
function shown(key: ProfileFieldKey, value: string): string {
  if (!value) return '—';
  const name = key === 'country' ? countryName(value) : value;
  return name === value ? value : `${name} (${value})`;
}

function labels(items: readonly (FieldMerge | ProfileFieldKey)[]): string {
  return items.map((item) => PROFILE_FIELD_LABELS[typeof item === 'string' ? item : item.key]).join(', ');
}
