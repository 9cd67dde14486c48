'use client';

import { useState } from 'react';
import type { ChaosAdmin, ChaosStatus } from '@/lib/chaos';
import { useChaosAdmin } from '../providers/chaos-admin-provider';
import { Loading } from '../ui/loading';
import { ProblemNotice } from '../ui/problem-notice';
import { ChaosForm } from './chaos-form';
import { faultsBadge } from './chaos-text';
import { SlowShopToggle } from './slow-shop-toggle';
import { useChaosStatus } from './use-chaos-status';
import styles from './chaos.module.css';

/**
 * Demo mode only: the chaos proxy's fault rates, to set while watching the retry timeline.
 * Renders nothing unless the storefront was started with a chaos admin URL.
 */
export function ChaosPanel({ className = '' }: { className?: string }) {
  const admin = useChaosAdmin();
  return admin ? <ChaosPanelFor admin={admin} className={className} /> : null;
}

function ChaosPanelFor({ admin, className }: { admin: ChaosAdmin; className: string }) {
  const [open, setOpen] = useState(true);
  // Read while open only: a closed panel has no counts to keep current.
  const { status, error, refresh, change } = useChaosStatus(admin, open);
  const badge = status && faultsBadge(status);

  return (
    <details className={`card ${styles.panel} ${className}`} open={open} onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="chaos-panel">
      <summary className={styles.summary}>
        <span className={styles.title}>Demo: network chaos</span>
        {badge && <span className={`badge badge--${badge.tone}`}>{badge.text}</span>}
      </summary>
      <div className={styles.body}>
        <p className={styles.intro}>
          This shop talks to its API through a fault-injecting proxy. Each rate is the chance that one {routesText(status)} gets that fault; everything
          else passes untouched. Every retry carries the same key: buy something and watch the retry timeline.
        </p>
        {error && <ProblemNotice error={error} onRetry={refresh} />}
        {status ? (
          <>
            <SlowShopToggle status={status} change={change} />
            <ChaosForm status={status} change={change} />
            <Counts status={status} />
          </>
        ) : (
          !error && <Loading label="Reading the proxy's settings…" />
        )}
      </div>
    </details>
  );
}

function Counts({ status }: { status: ChaosStatus }) {
  return (
    <p className={`muted ${styles.counts}`}>
      Since the proxy started or its counts were reset: {status.requests} {status.requests === 1 ? 'request' : 'requests'} through it,{' '}
      {status.eligible} of them order attempts that could get a fault.
      {status.upstreamErrors > 0 && ` ${status.upstreamErrors} answered 502 because the API could not be reached.`} Faults can outnumber the
      attempts on the timeline: when a kept-alive connection closes without an answer, the browser itself may send the request again (Chromium
      up to twice) before the page hears of it. The same key makes those resends harmless too.
    </p>
  );
}

function routesText(status: ChaosStatus | null): string {
  const routes = status?.routes ?? ['POST /orders'];
  return routes.length === 1 && routes[0] === 'POST /orders' ? 'order attempt (POST /orders)' : `request matching ${routes.join(', ')}`;
}
