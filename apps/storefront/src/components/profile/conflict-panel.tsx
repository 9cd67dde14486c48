'use client';

import { useEffect, useRef } from 'react';
import type { ProfileFields, VersionedProfile } from '@/lib/api';
import styles from './profile.module.css';

const FIELDS: { label: string; read: (p: ProfileFields) => string }[] = [
  { label: 'Name', read: (p) => p.name },
  { label: 'Email', read: (p) => p.email },
  { label: 'Address line 1', read: (p) => p.shippingAddress.line1 },
  { label: 'Address line 2', read: (p) => p.shippingAddress.line2 },
  { label: 'City', read: (p) => p.shippingAddress.city },
  { label: 'Postal code', read: (p) => p.shippingAddress.postalCode },
  { label: 'Country code', read: (p) => p.shippingAddress.country },
];

export interface ConflictPanelProps {
  theirs: VersionedProfile;
  mine: ProfileFields;
  onKeepMine: () => void;
  onUseTheirs: () => void;
}

/**
 * The 412 case in words: someone saved a newer version after this page loaded, so the save
 * was refused and nothing was overwritten. Shows what differs and lets the customer choose.
 */
export function ConflictPanel({ theirs, mine, onKeepMine, onUseTheirs }: ConflictPanelProps) {
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => titleRef.current?.focus(), [theirs.etag]);
  const differences = FIELDS.map((f) => ({ label: f.label, theirs: f.read(theirs.profile), mine: f.read(mine) })).filter((d) => d.theirs !== d.mine);

  return (
    <section className={`callout callout--warn ${styles.conflict}`} role="alert" aria-labelledby="conflict-title" data-testid="profile-conflict">
      <h2 id="conflict-title" className="callout__title" tabIndex={-1} ref={titleRef}>
        Not saved: this profile was changed in another tab or device
      </h2>
      <p>
        Someone saved a newer version after you opened this page (the shop answered <strong>412 Precondition Failed</strong>: your copy&apos;s
        version no longer matches). Nothing was overwritten. Your edits are still in the form.
      </p>
      {differences.length > 0 ? (
        <div className="table-wrap">
          <table className="table table--compact">
            <caption className="visually-hidden">Fields that differ</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Saved elsewhere</th>
                <th scope="col">Your edit</th>
              </tr>
            </thead>
            <tbody>
              {differences.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>{d.theirs || '—'}</td>
                  <td>{d.mine || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Their version is the same as your edit.</p>
      )}
      <div className={styles.actions}>
        <button type="button" className="button" onClick={onKeepMine}>
          Save my version over theirs
        </button>
        <button type="button" className="button button--secondary" onClick={onUseTheirs}>
          Discard my edits, use theirs
        </button>
      </div>
    </section>
  );
}
