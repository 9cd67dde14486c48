import Link from 'next/link';
import { useId, type ReactNode } from 'react';
import type { NetworkFault } from '@/lib/chaos';
import { LEARN_MORE, type HopText } from './chaos-text';
import styles from './chaos.module.css';

export interface FaultRateFieldProps {
  fault: NetworkFault;
  /** The fault's words on this hop (its label, what it does). */
  text: HopText['faults'][NetworkFault];
  /** The rate shown, in percent (0–100). */
  percent: number;
  /** The hold time of the latency fault, in milliseconds, for the explanation. */
  latencyMs: number;
  /** Faults of this kind injected so far. */
  injected: number;
  onPercent(percent: number): void;
  /** Extra controls under the explanation (the latency fault's hold time). */
  children?: ReactNode;
}

/** One fault: a 0–100 % slider (arrow keys move 1 %, Page Up/Down 10 %), what it does, and how often it happened. */
export function FaultRateField({ fault, text, percent, latencyMs, injected, onPercent, children }: FaultRateFieldProps) {
  const id = useId();
  return (
    <div className={styles.fault} role="group" aria-labelledby={`${id}-label`} data-fault={fault}>
      <div className={styles.faultHead}>
        <label id={`${id}-label`} htmlFor={id}>
          {text.label}
        </label>
        {/* The slider announces its own value (aria-valuetext): the output is for the eyes only. */}
        <output htmlFor={id} className={styles.percent} aria-hidden="true">
          {percent} %
        </output>
      </div>
      <input
        id={id}
        className={styles.slider}
        type="range"
        min={0}
        max={100}
        step={1}
        value={percent}
        aria-valuetext={`${percent} %`}
        aria-describedby={`${id}-help`}
        onChange={(e) => onPercent(Number(e.target.value))}
      />
      <p id={`${id}-help`} className={styles.explain}>
        {text.explain(latencyMs)} <Link href={`/how-it-works#${LEARN_MORE[fault].anchor}`}>{LEARN_MORE[fault].text}</Link>
      </p>
      {children}
      <p className={styles.injected}>
        Injected <strong data-testid="injected-count">{injected}</strong> {injected === 1 ? 'time' : 'times'}
      </p>
    </div>
  );
}
