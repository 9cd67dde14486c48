import Link from 'next/link';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import type { CheckoutRecord, TimelineAttempt, TimelineNote } from '@/lib/checkout/checkout-record';
import { formatClock, formatSeconds } from '@/lib/format';
import { OUTCOME_LABELS, describeAnswer, describeGiveUp, describeWait, explainerAnchor, isBrowserResend, outcomeLabel } from './timeline-text';
import styles from './checkout.module.css';

type Row = { kind: 'attempt'; at: number; attempt: TimelineAttempt } | { kind: 'note'; at: number; note: TimelineNote };

/**
 * Every attempt of the checkout in time order: when it was sent, what came back, how long the
 * client then waited and why, and the key it carried, which is the same on every row.
 */
export function RetryTimeline({ record }: { record: CheckoutRecord }) {
  const rows: Row[] = [
    ...record.attempts.map((attempt) => ({ kind: 'attempt' as const, at: attempt.sentAt, attempt })),
    ...record.notes.map((note) => ({ kind: 'note' as const, at: note.at, note })),
  ].sort((a, b) => a.at - b.at);
  const requestsSeen = new Set(record.attempts.map((a) => a.request)).size;

  return (
    <section className={`card ${styles.timeline}`} aria-labelledby="timeline-title" data-testid="timeline-card" data-in-flight={record.inFlight.length}>
      <header className={styles.timelineHeader}>
        <h2 id="timeline-title">Retry timeline</h2>
        <Link href={`/how-it-works#${explainerAnchor(record.attempts)}`}>What happened here?</Link>
        <p className={`muted ${styles.timelineSummary}`}>
          {record.attempts.length} attempt{record.attempts.length === 1 ? '' : 's'} in {requestsSeen} request{requestsSeen === 1 ? '' : 's'}, all with
          Idempotency-Key <code className={styles.key}>{record.key}</code>
        </p>
      </header>
      {rows.length === 0 ? (
        <p className="muted">Nothing sent yet.</p>
      ) : (
        <ol className={styles.rows} data-testid="retry-timeline">
          {rows.map((row) =>
            row.kind === 'note' ? (
              <NoteRow key={`n${row.at}`} note={row.note} start={record.startedAt} />
            ) : (
              <AttemptRow key={`a${row.attempt.request}.${row.attempt.attempt}`} attempt={row.attempt} start={record.startedAt} keyText={record.key} />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function AttemptRow({ attempt, start, keyText }: { attempt: TimelineAttempt; start: number; keyText: string }) {
  const { tone } = OUTCOME_LABELS[attempt.outcome];
  const gaveUp = describeGiveUp(attempt.gaveUp);
  return (
    <li
      className={styles.row}
      data-outcome={attempt.outcome}
      data-request={attempt.request}
      data-attempt={attempt.attempt}
      data-browser-resend={isBrowserResend(attempt) || undefined}
    >
      <span className={styles.when}>
        <time dateTime={new Date(attempt.sentAt).toISOString()}>{formatClock(attempt.sentAt)}</time>
        <span className="muted">+{formatSeconds(attempt.sentAt - start)}</span>
      </span>
      <span className={styles.which}>
        Request {attempt.request} · try {attempt.attempt}
      </span>
      <span className={`badge badge--${tone} ${styles.outcome}`}>
        {attempt.outcome === 'sent' && <span className="spinner spinner--small" aria-hidden="true" />}
        {outcomeLabel(attempt)}
      </span>
      <span className={styles.detail}>
        {describeAnswer(attempt)}
        {attempt.endedAt !== undefined && attempt.outcome !== 'cut-off' && <span className="muted"> ({formatSeconds(attempt.endedAt - attempt.sentAt)})</span>}
        {attempt.wait && (
          <span className={styles.wait}>
            Waited <strong>{formatSeconds(attempt.wait.delayMs)}</strong> before try {attempt.attempt + 1}:{' '}
            {describeWait(attempt.wait, attempt.wait.retry, 'shop', CHECKOUT_RETRY_POLICY.maxDelayMs)}.
          </span>
        )}
        {gaveUp && (
          <span className={styles.wait} data-testid="gave-up">
            {gaveUp}
          </span>
        )}
      </span>
      <code className={styles.rowKey} title={keyText}>
        {keyText.slice(0, 8)}…
      </code>
    </li>
  );
}

function NoteRow({ note, start }: { note: TimelineNote; start: number }) {
  return (
    <li className={`${styles.row} ${styles.note}`}>
      <span className={styles.when}>
        <time dateTime={new Date(note.at).toISOString()}>{formatClock(note.at)}</time>
        <span className="muted">+{formatSeconds(note.at - start)}</span>
      </span>
      <span className={styles.noteText}>{note.text}</span>
    </li>
  );
}
