'use client';

import { useState } from 'react';
import { useChaosAdmins, type ChaosAdmins } from './chaos-admin-provider';
import { ChaosHopGroup } from './chaos-hop-group';
import { faultsBadge } from './chaos-text';
import { useChaosStatus } from './use-chaos-status';
import styles from './chaos.module.css';

/**
 * Demo mode only: the chaos proxies' fault rates, one group per network hop of a checkout
 * ("Browser → API", "API → payment provider"), to set while watching the retry timeline and the
 * order's own charge attempts. Renders nothing unless the storefront was started with a chaos admin URL.
 */
export function ChaosPanel({ className = '' }: { className?: string }) {
  const admins = useChaosAdmins();
  return admins ? <ChaosPanelFor admins={admins} className={className} /> : null;
}

function ChaosPanelFor({ admins, className }: { admins: ChaosAdmins; className: string }) {
  const [open, setOpen] = useState(true);
  // Read while open only: a closed panel has no counts to keep current.
  const browserApi = useChaosStatus(admins.browserApi, open);
  const apiProvider = useChaosStatus(admins.apiProvider, open);
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
