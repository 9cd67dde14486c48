'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { MAX_LATENCY_MS, NETWORK_FAULTS, type ChaosChange, type ChaosStatus, type NetworkFault } from '@/lib/chaos';
import { ProblemNotice } from '../../ui/problem-notice';
import { ALL_FAULTS_OFF, draftChange, draftProblem, shownLatencySeconds, shownRates, totalPercent, type ChaosDraft } from './chaos-draft';
import { describeRates, HOP_TEXT, type ChaosHop } from './chaos-text';
import { FaultRateField } from './fault-rate-field';
import styles from './chaos.module.css';

export interface ChaosFormProps {
  /** The hop whose proxy this form sets (its words: labels, what one attempt is). Default `browser-api`. */
  hop?: ChaosHop;
  status: ChaosStatus;
  /** Sends a change to the proxy; resolves to its new settings, throws `ApiError`. */
  change(change: ChaosChange): Promise<ChaosStatus>;
}

/** One change sent to the proxy, and how to word its result. */
interface Sent {
  next: ChaosChange;
  describe(applied: ChaosStatus): string;
}

/**
 * The rates as a form: sliders edit a draft, Apply sends what differs from the proxy's
 * settings in one `PUT`, so that dragging a slider does not send a request per pixel.
 */
export function ChaosForm({ hop = 'browser-api', status, change }: ChaosFormProps) {
  const id = useId();
  const text = HOP_TEXT[hop];
  const [draft, setDraft] = useState<ChaosDraft>({});
  const sent = useMutation({ mutationFn: ({ next }: Sent) => change(next), onSuccess: () => setDraft({}) });
  const send = (next: ChaosChange, describe: Sent['describe']) => sent.mutate({ next, describe });
  const sending = sent.isPending;
  const rates = shownRates(status, draft);
  const pending = draftChange(status, draft);
  const problem = draftProblem(status, draft, text.attempt);
  const allOff = totalPercent(status.ratePercent) === 0;

  function apply(event: FormEvent) {
    event.preventDefault();
    if (pending && !problem) send(pending, (applied) => `Applied: ${describeRates(applied, hop)}.`);
  }

  const setRate = (fault: NetworkFault, percent: number) => setDraft((d) => ({ ...d, ratePercent: { ...d.ratePercent, [fault]: percent } }));

  return (
    <form className={styles.form} onSubmit={apply} aria-describedby={`${id}-total`}>
      <fieldset className={styles.faults}>
        <legend className="visually-hidden">Chance of each fault per {text.attempt}</legend>
        {NETWORK_FAULTS.map((fault) => (
          <FaultRateField
            key={fault}
            fault={fault}
            text={text.faults[fault]}
            percent={rates[fault]}
            latencyMs={status.latencyMs}
            injected={status.injected[fault]}
            onPercent={(percent) => setRate(fault, percent)}
          >
            {fault === 'latency' && (
              <div className={`field ${styles.hold}`}>
                <label htmlFor={`${id}-hold`}>{text.holdLabel}</label>
                <input
                  id={`${id}-hold`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={MAX_LATENCY_MS / 1000}
                  step={0.5}
                  value={shownLatencySeconds(status, draft)}
                  onChange={(e) => setDraft((d) => ({ ...d, latencySeconds: e.target.value }))}
                />
              </div>
            )}
          </FaultRateField>
        ))}
      </fieldset>
      <p id={`${id}-total`} className={`${styles.total} ${problem ? 'field__error' : ''}`} aria-live="polite">
        {problem ?? `Together: ${totalPercent(rates)} % of ${text.attempt}s get a fault; the others pass untouched.${pending ? ' Not applied yet.' : ''}`}
      </p>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={!pending || problem !== null || sending}>
          Apply
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={sending || (allOff && !pending)}
          onClick={() => send(ALL_FAULTS_OFF, () => 'All faults off: every request passes untouched.')}
        >
          All faults off
        </button>
        <button type="button" className="button button--ghost" disabled={sending} onClick={() => send({ resetCounts: true }, () => 'Counts reset to zero.')}>
          Reset counts
        </button>
      </div>
      <div role="status" className={styles.outcome}>
        {sent.isSuccess && <p className="muted">{sent.variables.describe(sent.data)}</p>}
      </div>
      {sent.isError && <ProblemNotice error={sent.error} />}
    </form>
  );
}
