import { formatClock } from '@/lib/format';
import styles from './profile.module.css';

/** One press of Save and what it did; `etag`: the version after a save that succeeded. */
export interface SaveLogEntry {
  at: number;
  outcome: 'changed' | 'unchanged' | 'conflict' | 'failed';
  etag?: string;
  message?: string;
}

const TEXT: Record<SaveLogEntry['outcome'], { badge: string; tone: string; explain: string }> = {
  changed: { badge: 'Saved', tone: 'ok', explain: 'The profile changed: it has a new version.' },
  unchanged: {
    badge: 'Saved, nothing changed',
    tone: 'info',
    explain:
      'Same content as before, so the same version and the same "last changed" time. Saving twice is harmless: PUT replaces the profile with exactly this, however often it arrives.',
  },
  conflict: { badge: '412 Not saved', tone: 'warn', explain: 'Someone else saved first; nothing was overwritten.' },
  failed: { badge: 'Not saved', tone: 'bad', explain: '' },
};

/** The saves of this visit, newest first: shows that a repeated save changes nothing. */
export function SaveLog({ entries }: { entries: readonly SaveLogEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="card" aria-labelledby="save-log-title">
      <h2 id="save-log-title" className={styles.logTitle}>
        Saves this visit
      </h2>
      <ol className={styles.log} aria-live="polite" data-testid="save-log">
        {[...entries].reverse().map((entry) => {
          const text = TEXT[entry.outcome];
          return (
            <li key={entry.at} data-outcome={entry.outcome}>
              <span className={styles.logTime}>{formatClock(entry.at)}</span>
              <span className={`badge badge--${text.tone}`}>{text.badge}</span>
              <span>
                {entry.message ?? text.explain}
                {entry.etag && (
                  <>
                    {' '}
                    Version <code>{entry.etag}</code>
                  </>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
