'use client';

import { useId } from 'react';
import type { ApiError } from '@/lib/api';
import type { ChaosChange, ChaosStatus } from '@/lib/chaos/chaos-admin';
import { Loading } from '../../ui/loading';
import { ProblemNotice } from '../../ui/problem-notice';
import { ChaosForm } from './chaos-form';
import { HOP_TEXT, type ChaosHop } from './chaos-text';
import { SlowShopToggle } from './slow-shop';
import styles from './chaos.module.css';

/** One proxy as the panel reads it: `status` is `null` until its first answer, `error` why the latest read failed. */
export interface HopState {
  status: ChaosStatus | null;
  error: ApiError | null;
  refresh(): void;
  /** Applies a change and shows its result at once; throws `ApiError`. */
  change(change: ChaosChange): Promise<ChaosStatus>;
}

/** One hop's rates: its own heading, form and counts, reading and setting that hop's proxy. */
export function ChaosHopGroup({ hop, state: { status, error, refresh, change } }: { hop: ChaosHop; state: HopState }) {
  const id = useId();
  const text = HOP_TEXT[hop];
  const routes = status?.routes.join(', ') ?? text.route;
  return (
    <section className={styles.hop} aria-labelledby={`${id}-title`} data-hop={hop}>
      <h3 id={`${id}-title`} className={styles.hopTitle}>
        {text.title}
      </h3>
      <p className={styles.intro}>{text.intro(routes === text.route ? `${text.attempt} (${routes})` : `request matching ${routes}`)}</p>
      {error && <ProblemNotice error={error} onRetry={refresh} />}
      {status ? (
        <>
          {hop === 'browser-api' && <SlowShopToggle status={status} change={change} />}
          <ChaosForm hop={hop} status={status} change={change} />
          <p className={`muted ${styles.counts}`}>
            Since the proxy started or its counts were reset: {status.counts.requests} {status.counts.requests === 1 ? 'request' : 'requests'} through it,{' '}
            {status.counts.eligible} of them {text.attempt}s that could get a fault.
            {status.counts['upstream-errors'] > 0 && ` ${status.counts['upstream-errors']} answered 502 because ${text.upstream} could not be reached.`}
            {text.countsNote}
          </p>
        </>
      ) : (
        !error && <Loading label="Reading the proxy's settings…" />
      )}
    </section>
  );
}
