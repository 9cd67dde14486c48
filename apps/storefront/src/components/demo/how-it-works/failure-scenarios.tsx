import type { ReactNode } from 'react';
import type { AttemptOutcome } from '@/lib/api';
import { OUTCOME_LABELS } from '../../checkout/timeline-text';
import styles from './how-it-works.module.css';

const BACKOFF = { label: 'backoff', tone: 'warn' } as const;

interface Scenario {
  id: string;
  title: string;
  happened: ReactNode;
  /** What the retry timeline shows, in order: attempt outcomes with their own badges, and the wait between them. */
  timeline: (AttemptOutcome | 'backoff')[];
  verdict: string;
}

const SCENARIOS: Scenario[] = [
  {
    id: 'request-lost',
    title: '1. The request is lost',
    happened:
      'The order never reached the shop: the connection dropped on the way there. Nothing happened on the server, so the retry simply places the order.',
    timeline: ['dropped', 'backoff', 'created'],
    verdict: 'Order placed',
  },
  {
    id: 'server-failed',
    title: '2. The server fails',
    happened: (
      <>
        The shop received the order but failed (5xx) before finishing. An order is placed in steps: the order and its stock in one transaction, then the charge,
        then the result. A failure in the first step rolls it back and frees the key; a failure after it leaves the order created and the key at that step. The
        answer cannot tell which, so the retry with the same key does: it places the order, or finishes the one that exists. Once, either way.
      </>
    ),
    timeline: ['server-error', 'backoff', 'created'],
    verdict: 'Order placed',
  },
  {
    id: 'response-lost',
    title: '3. The response is lost',
    happened: (
      <>
        The shop placed the order, but the answer never came back. Without a key, a retry would order a second time: this is the double charge. With the key,
        the shop recognises the retry and answers with the order it already placed, marked <code>Idempotent-Replayed: true</code>.
      </>
    ),
    // The chaos panel's Response lost drops the connection, so the timeline says Dropped; a
    // response that never comes (Slow answer) says Timed out instead, with the same outcome.
    timeline: ['dropped', 'backoff', 'replayed'],
    verdict: 'Order placed (replayed)',
  },
];

/** The three failure scenarios, tied to what the checkout's retry timeline shows. */
export function FailureScenarios() {
  return (
    <div className={styles.scenarios}>
      {SCENARIOS.map((s) => (
        <section key={s.id} id={s.id} className="card" aria-labelledby={`${s.id}-title`}>
          <h3 id={`${s.id}-title`}>{s.title}</h3>
          <p>{s.happened}</p>
          <p className={styles.seen}>
            <span className="muted">On the timeline:</span>
            {s.timeline.map((step, i) => {
              const { label, tone } = step === 'backoff' ? BACKOFF : OUTCOME_LABELS[step];
              return (
                <span key={i} className={`badge badge--${tone}`}>
                  {label}
                </span>
              );
            })}
          </p>
          <p className={styles.verdict}>
            Then: <strong>{s.verdict}</strong>
          </p>
        </section>
      ))}
    </div>
  );
}
