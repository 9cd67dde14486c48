'use client';

import { useState } from 'react';
import type { ExerciseStep } from './exercise-calls';
import styles from './how-it-works.module.css';

export interface TryItProps {
  /** The button's words, e.g. "Send the same key again". */
  label: string;
  /** Sends the requests to the running shop and describes what it answered. */
  run: () => Promise<ExerciseStep[]>;
}

/** A button that sends real requests to the running shop, and the requests and answers it got. */
export function TryIt({ label, run }: TryItProps) {
  const [steps, setSteps] = useState<ExerciseStep[] | null>(null);
  const [running, setRunning] = useState(false);

  async function onClick() {
    setRunning(true);
    try {
      setSteps(await run());
    } catch (error) {
      setSteps([{ request: label, answer: `No answer to show: ${error instanceof Error ? error.message : String(error)}`, tone: 'bad' }]);
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className={styles.tryIt} data-testid="try-it">
      <button type="button" className="button button--secondary" onClick={() => void onClick()} disabled={running}>
        {running ? 'Sending…' : label}
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
