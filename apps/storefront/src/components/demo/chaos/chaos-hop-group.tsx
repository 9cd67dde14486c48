'use client';

import { useId } from 'react';
import type { ChaosStatus } from '@/lib/chaos';
import { Loading } from '../../ui/loading';
import { ProblemNotice } from '../../ui/problem-notice';
import { ChaosForm } from './chaos-form';
import { HOP_TEXT, type ChaosHop } from './chaos-text';
import { SlowShopToggle } from './slow-shop-toggle';
import type { ChaosStatusState } from './use-chaos-status';
import styles from './chaos.module.css';

/** What each hop's proxy sits between, and where its effect shows. */
const HOP_INTRO: Record<ChaosHop, (routes: string) => string> = {
  'browser-api': (routes) =>
    `This shop talks to its API through a fault-injecting proxy. Each rate is the chance that one ${routes} gets that fault; everything else passes untouched. Every retry carries the same key: buy something and watch the retry timeline.`,
  'api-provider': (routes) =>
    `The shop's API charges the card at the payment sandbox through a second proxy. Each rate is the chance that one ${routes} gets that fault. The shop retries with one key derived from the order: open the order afterwards to see its attempts at the provider.`,
};

/** One hop's rates: its own heading, form and counts, reading and setting that hop's proxy. */
export function ChaosHopGroup({ hop, state }: { hop: ChaosHop; state: ChaosStatusState }) {
  const id = useId();
  const { status, error, refresh, change } = state;
  return (
    <section className={styles.hop} aria-labelledby={`${id}-title`} data-hop={hop}>
      <h3 id={`${id}-title`} className={styles.hopTitle}>
        {HOP_TEXT[hop].title}
      </h3>
      <p className={styles.intro}>{HOP_INTRO[hop](routesText(hop, status))}</p>
      {error && <ProblemNotice error={error} onRetry={refresh} />}
      {status ? (
        <>
          {hop === 'browser-api' && <SlowShopToggle status={status} change={change} />}
          <ChaosForm hop={hop} status={status} change={change} />
          <Counts hop={hop} status={status} />
        </>
      ) : (
        !error && <Loading label="Reading the proxy's settings…" />
      )}
    </section>
  );
}

function Counts({ hop, status }: { hop: ChaosHop; status: ChaosStatus }) {
  const since = `Since the proxy started or its counts were reset: ${status.requests} ${status.requests === 1 ? 'request' : 'requests'} through it,`;
  if (hop === 'api-provider') {
    return (
      <p className={`muted ${styles.counts}`}>
        {since} {status.eligible} of them charges that could get a fault.
        {status.upstreamErrors > 0 && ` ${status.upstreamErrors} answered 502 because the payment sandbox could not be reached.`}
      </p>
    );
  }
  return (
    <p className={`muted ${styles.counts}`}>
      {since} {status.eligible} of them order attempts that could get a fault.
      {status.upstreamErrors > 0 && ` ${status.upstreamErrors} answered 502 because the API could not be reached.`} Faults can outnumber the attempts on the
      timeline: when a kept-alive connection closes without an answer, the browser itself may send the request again (Chromium up to twice) before the page
      hears of it. The same key makes those resends harmless too.
    </p>
  );
}

// The requests that may get a fault, in words: the proxies' usual routes by name, others as they are.
function routesText(hop: ChaosHop, status: ChaosStatus | null): string {
  const usual =
    hop === 'browser-api'
      ? { route: 'POST /orders', words: 'order attempt (POST /orders)' }
      : { route: 'POST /v1/payment_intents', words: 'charge (POST /v1/payment_intents)' };
  const routes = status?.routes ?? [usual.route];
  return routes.length === 1 && routes[0] === usual.route ? usual.words : `request matching ${routes.join(', ')}`;
}
