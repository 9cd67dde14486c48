'use client';

import { useMutation } from '@tanstack/react-query';
import type { ExerciseStep } from './exercise-calls';
import styles from './how-it-works.module.css';

/**
 * A button (`label`) that sends real requests to the running shop (`run`), and the requests and
 * answers it got, in words.
 */
export function TryIt({ label, run }: { label: string; run: () => Promise<ExerciseStep[]> }) {
  const sent = useMutation({ mutationFn: run });
  const steps: ExerciseStep[] | undefined = sent.isError ? [{ request: label, answer: `No answer to show: ${sent.error.message}`, tone: 'bad' }] : sent.data;
  return (
    <div className={styles.tryIt} data-testid="try-it">
      <button type="button" className="button button--secondary" onClick={() => sent.mutate()} disabled={sent.isPending}>
        {sent.isPending ? 'Sending…' : label}
      </button>
      <ol className={styles.steps} aria-live="polite">
        {steps?.map((step, i) => (
          <li key={i}>
            <code>{step.request}</code>
            <span className={`badge badge--${step.tone}`}>{step.answer}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
