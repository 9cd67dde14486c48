import Link from 'next/link';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import type { CheckoutRecord, TimelineAttempt, TimelineNote } from '@/lib/checkout/checkout-record';
import { formatClock, formatSeconds } from '@/lib/format';
import { GIVE_UPS, OUTCOME_LABELS, describeAnswer, describeWait, explainerAnchor, isBrowserResend, outcomeLabel } from './timeline-text';
import styles from './checkout.module.css';

/** Every attempt of the checkout and every note, in time order: what came back, how long the client then waited and why. */
export function RetryTimeline({ record }: { record: CheckoutRecord }) {
  const rows = [...record.attempts, ...record.notes].sort((a, b) => at(a) - at(b));
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
            'text' in row ? (
              <li key={`n${row.at}`} className={`${styles.row} ${styles.note}`}>
                <When at={row.at} start={record.startedAt} />
                <span className={styles.noteText}>{row.text}</span>
              </li>
            ) : (
              <AttemptRow key={`a${row.request}.${row.attempt}`} attempt={row} start={record.startedAt} keyText={record.key} />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

const at = (row: TimelineAttempt | TimelineNote) => ('text' in row ? row.at : row.sentAt);

function When({ at, start }: { at: number; start: number }) {
  return (
    <span className={styles.when}>
      <time dateTime={new Date(at).toISOString()}>{formatClock(at)}</time>
      <span className="muted">+{formatSeconds(at - start)}</span>
    </span>
  );
}

function AttemptRow({ attempt, start, keyText }: { attempt: TimelineAttempt; start: number; keyText: string }) {
  const gaveUp = attempt.gaveUp && GIVE_UPS[attempt.gaveUp];
  return (
    <li
      className={styles.row}
      data-outcome={attempt.outcome}
      data-request={attempt.request}
      data-attempt={attempt.attempt}
      data-browser-resend={isBrowserResend(attempt) || undefined}
    >
      <When at={attempt.sentAt} start={start} />
      <span className={styles.which}>
        Request {attempt.request} · try {attempt.attempt}
      </span>
      <span className={`badge badge--${OUTCOME_LABELS[attempt.outcome].tone} ${styles.outcome}`}>
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
