'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useId, useState, type FormEvent } from 'react';
import { NETWORK_FAULTS, totalPercent, type ChaosChange, type ChaosStatus, type FaultPercents } from '@/lib/chaos/chaos-admin';
import { ProblemNotice } from '../../ui/problem-notice';
import { describeRates, HOP_TEXT, LEARN_MORE, type ChaosHop } from './chaos-text';
import styles from './chaos.module.css';

/** What the person has edited and not applied yet; the hold time as typed, so that a half-typed number survives. */
interface ChaosDraft {
  ratePercent?: Partial<FaultPercents>;
  holdSeconds?: string;
}

/** What the form shows for `draft` over the proxy's settings: the values, the change that applies them (`null`: nothing differs), or why it cannot. */
export function readDraft(status: ChaosStatus, draft: ChaosDraft, attempt: string) {
  const rates: FaultPercents = { ...status.ratePercent, ...draft.ratePercent };
  const holdSeconds = draft.holdSeconds ?? String(status.latencyMs / 1000);
  const latencyMs = holdSeconds.trim() === '' ? NaN : Math.round(Number(holdSeconds) * 1000);
  const changed = NETWORK_FAULTS.filter((fault) => rates[fault] !== status.ratePercent[fault]);
  const change: ChaosChange = {
    ...(changed.length > 0 && { ratePercent: Object.fromEntries(changed.map((fault) => [fault, rates[fault]])) }),
    ...(latencyMs !== status.latencyMs && { latencyMs }),
  };
  const total = totalPercent(rates);
  // Each attempt gets at most one fault, so the chances share one 100 %. The proxy states its own longest hold when refusing one.
  const problem =
    total > 100
      ? `The rates add up to ${total} %: each ${attempt} gets at most one fault, so together they can be at most 100 %.`
      : latencyMs >= 0
        ? null
        : 'The hold time must be a number of seconds, 0 or more.';
  return { rates, holdSeconds, total, problem, change: Object.keys(change).length > 0 ? change : null };
}

/** Every fault at 0 %. */
export const ALL_FAULTS_OFF: ChaosChange = { ratePercent: Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, 0])) };

/** One change sent to the proxy, and how to word its result. */
interface Sent {
  next: ChaosChange;
  describe(applied: ChaosStatus): string;
}

/** The rates as a form: sliders edit a draft and Apply sends what differs in one `PUT`, not a request per pixel dragged. */
export function ChaosForm({ hop, status, change }: { hop: ChaosHop; status: ChaosStatus; change(change: ChaosChange): Promise<ChaosStatus> }) {
  const id = useId();
  const text = HOP_TEXT[hop];
  const [draft, setDraft] = useState<ChaosDraft>({});
  const sent = useMutation({ mutationFn: ({ next }: Sent) => change(next), onSuccess: () => setDraft({}) });
  const send = (next: ChaosChange, describe: Sent['describe']) => sent.mutate({ next, describe });
  const { rates, holdSeconds, total, problem, change: pending } = readDraft(status, draft, text.attempt);

  function apply(event: FormEvent) {
    event.preventDefault();
    if (pending && !problem) send(pending, (applied) => `Applied: ${describeRates(applied, hop)}.`);
  }

  return (
    <form className={styles.form} onSubmit={apply} aria-describedby={`${id}-total`}>
      <fieldset className={styles.faults}>
        <legend className="visually-hidden">Chance of each fault per {text.attempt}</legend>
        {NETWORK_FAULTS.map((fault) => (
          <div key={fault} className={styles.fault} role="group" aria-labelledby={`${id}-${fault}-label`} data-fault={fault}>
            <div className={styles.faultHead}>
              <label id={`${id}-${fault}-label`} htmlFor={`${id}-${fault}`}>
                {text.faults[fault].label}
              </label>
              {/* The slider announces its own value (aria-valuetext): the output is for the eyes only. */}
              <output htmlFor={`${id}-${fault}`} className={styles.percent} aria-hidden="true">
                {rates[fault]} %
              </output>
            </div>
            <input
              id={`${id}-${fault}`}
              className={styles.slider}
              type="range"
              min={0}
              max={100}
              value={rates[fault]}
              aria-valuetext={`${rates[fault]} %`}
              aria-describedby={`${id}-${fault}-help`}
              onChange={(e) => setDraft((d) => ({ ...d, ratePercent: { ...d.ratePercent, [fault]: Number(e.target.value) } }))}
            />
            <p id={`${id}-${fault}-help`} className={styles.explain}>
              {text.faults[fault].explain(status.latencyMs)} <Link href={`/how-it-works#${LEARN_MORE[fault].anchor}`}>{LEARN_MORE[fault].text}</Link>
            </p>
            {fault === 'latency' && (
              <div className={`field ${styles.hold}`}>
                <label htmlFor={`${id}-hold`}>{text.holdLabel}</label>
                <input
                  id={`${id}-hold`}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step={0.5}
                  value={holdSeconds}
                  onChange={(e) => setDraft((d) => ({ ...d, holdSeconds: e.target.value }))}
                />
              </div>
            )}
            <p className={styles.injected}>
              Injected <strong data-testid="injected-count">{status.counts[fault]}</strong> {status.counts[fault] === 1 ? 'time' : 'times'}
            </p>
          </div>
        ))}
      </fieldset>
      <p id={`${id}-total`} className={`${styles.total} ${problem ? 'field__error' : ''}`} aria-live="polite">
        {problem ?? `Together: ${total} % of ${text.attempt}s get a fault; the others pass untouched.${pending ? ' Not applied yet.' : ''}`}
      </p>
      <div className={styles.actions}>
        <button type="submit" className="button" disabled={!pending || problem !== null || sent.isPending}>
          Apply
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={sent.isPending || (totalPercent(status.ratePercent) === 0 && !pending)}
          onClick={() => send(ALL_FAULTS_OFF, () => 'All faults off: every request passes untouched.')}
        >
          All faults off
        </button>
        <button
          type="button"
          className="button button--ghost"
          disabled={sent.isPending}
          onClick={() => send({ resetCounts: true }, () => 'Counts reset to zero.')}
        >
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
