import type { ChargeAttempt, ChargeAttempts, ChargeRun } from '@/lib/api';
import { formatClock, formatDuration, formatSeconds } from '@/lib/format';
import { CHARGE_OUTCOMES, chargeAttemptOutcome, describeChargeAttempt, describeChargeGiveUp, describeChargeRun } from './charge-attempt-text';
import { describeWait } from '../checkout/timeline-text';
import styles from './orders.module.css';

/** The shop's own attempts at the payment provider, with the key derived from the order: each run of the charge (a checkout request, or the recovery worker), read like the Buy button's timeline. */
export function ChargeAttemptList({ chargeAttempts }: { chargeAttempts: ChargeAttempts }) {
  const { idempotencyKey: key, runs } = chargeAttempts;
  return (
    <section className={styles.attempts} aria-labelledby="charge-attempts-title" data-testid="charge-attempts">
      <h2 id="charge-attempts-title">Our server&apos;s attempts at the payment provider</h2>
      <p className="muted">
        The shop charges the card through the same retrying client as the Buy button, with jittered backoff between attempts. Every attempt carries one
        Idempotency-Key, derived from the order: <code data-testid="charge-key">{key}</code>. If an answer is lost, the provider replays the first charge
        instead of making a second.
      </p>
      {runs.length === 0 ? (
        <p className="muted">No charge has been sent yet.</p>
      ) : (
        <ol className={styles.runs}>
          {runs.map((run, index) => (
            <ChargeRunItem key={`${run.startedAt}.${index}`} run={run} number={index + 1} />
          ))}
        </ol>
      )}
    </section>
  );
}

function ChargeRunItem({ run, number }: { run: ChargeRun; number: number }) {
  const { text, tone } = describeChargeRun(run);
  const gaveUp = describeChargeGiveUp(run);
  return (
    <li className={styles.run} data-result={run.result}>
      <h3 className={styles.runHeading}>
        <span>Charge request {number}</span>
        <time dateTime={run.startedAt}>{formatClock(Date.parse(run.startedAt))}</time>
        <span className={`badge badge--${tone}`}>{text}</span>
      </h3>
      <ol className={styles.tries} aria-label={`Attempts of charge request ${number}`}>
        {run.attempts.map((attempt) => (
          <ChargeAttemptRow key={attempt.attempt} attempt={attempt} />
        ))}
      </ol>
      {gaveUp && <p className={styles.giveUp}>{gaveUp}</p>}
    </li>
  );
}

function ChargeAttemptRow({ attempt }: { attempt: ChargeAttempt }) {
  const outcome = chargeAttemptOutcome(attempt);
  const { label, tone } = CHARGE_OUTCOMES[outcome];
  return (
    <li className={styles.try} data-outcome={outcome} data-attempt={attempt.attempt}>
      <span className={styles.tryNumber}>Try {attempt.attempt}</span>
      <span className={`badge badge--${tone}`}>{label}</span>
      <span className={styles.tryDetail}>
        <span>
          {describeChargeAttempt(attempt)} <span className="muted">({formatDuration(attempt.durationMs)})</span>
        </span>
        {attempt.wait && (
          <span className={styles.wait}>
            Waited <strong>{formatSeconds(attempt.wait.delayMs)}</strong> before try {attempt.attempt + 1}:{' '}
            {describeWait(attempt.wait, attempt.attempt, 'provider')}.
          </span>
        )}
      </span>
    </li>
  );
}
