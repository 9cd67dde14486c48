'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { changeChaos, readChaos, type ChaosChange } from '@/lib/chaos/chaos-admin';
import { Loading } from '../../ui/loading';
import { ProblemNotice } from '../../ui/problem-notice';
import { useChaosAdmins } from './chaos-admin-provider';
import { ChaosForm } from './chaos-form';
import { faultsBadge, HOP_TEXT, type ChaosHop } from './chaos-text';
import { SlowShopToggle } from './slow-shop';
import styles from './chaos.module.css';

/** Often enough that the counts follow a checkout's retries, rarely enough to be no load: the proxy answers from memory. */
const POLL_INTERVAL_MS = 2_000;

/**
 * Demo mode only: the chaos proxies' fault rates, one group per network hop of a checkout, to set
 * while watching the retry timeline and the order's charge attempts. Without a chaos admin URL, nothing.
 */
export function ChaosPanel({ className = '' }: { className?: string }) {
  const admins = useChaosAdmins();
  const [open, setOpen] = useState(true);
  // Read while open only: a closed panel has no counts to keep current.
  const browserApi = useChaosStatus(admins?.browserApi ?? null, open);
  const apiProvider = useChaosStatus(admins?.apiProvider ?? null, open);
  if (!admins) return null;
  const badges = [
    browserApi.status && faultsBadge(browserApi.status, 'browser-api'),
    apiProvider.status && faultsBadge(apiProvider.status, 'api-provider'),
  ].filter((badge) => badge !== null);

  return (
    <details className={`card ${styles.panel} ${className}`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="chaos-panel">
      <summary className={styles.summary}>
        <span className={styles.title}>Demo: network chaos</span>
        {badges.map((badge) => (
          <span key={badge.text} className={`badge badge--${badge.tone}`}>
            {badge.text}
          </span>
        ))}
      </summary>
      <div className={styles.body}>
        {admins.browserApi && admins.apiProvider && (
          <p className={styles.intro}>
            A checkout crosses two network hops, and each goes through a fault-injecting proxy: the browser&apos;s order to the shop, and the shop&apos;s charge
            to the payment provider. Both retry with one key each, so every fault below ends in one order, charged once.
          </p>
        )}
        {admins.browserApi && <ChaosHopGroup hop="browser-api" state={browserApi} />}
        {admins.apiProvider && <ChaosHopGroup hop="api-provider" state={apiProvider} />}
      </div>
    </details>
  );
}

/** One proxy as the panel reads it: `status` is `null` until its first answer, `error` says why the latest read failed. */
export type HopState = ReturnType<typeof useChaosStatus>;

/** The proxy's settings and counts, read again while `live` (and the tab is visible); nothing without a proxy on that hop. */
function useChaosStatus(adminUrl: string | null, live: boolean) {
  const queries = useQueryClient();
  const queryKey = ['chaos', adminUrl];
  const read = useQuery({ queryKey, queryFn: () => readChaos(adminUrl!), enabled: live && adminUrl !== null, refetchInterval: POLL_INTERVAL_MS });
  async function change(next: ChaosChange) {
    const applied = await changeChaos(adminUrl!, next);
    // A poll sent before the PUT may still be on its way: cancelled, it cannot put the old settings back on screen.
    await queries.cancelQueries({ queryKey });
    queries.setQueryData(queryKey, applied);
    return applied;
  }
  return { status: read.data ?? null, error: read.error, refresh: () => void read.refetch(), change };
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
