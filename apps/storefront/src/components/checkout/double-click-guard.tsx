'use client';

import { useId } from 'react';
import { useChaosAdmins } from '../demo/chaos/chaos-admin-provider';
import styles from './checkout.module.css';

/**
 * The switch that lets every click on Buy send a request. It promises only what a person can see:
 * an order is answered in hundredths of a second, so clicks at human speed overlap only when the
 * demo mode's Slow shop holds the order.
 */
export function DoubleClickGuard({ off, onChange }: { off: boolean; onChange: (off: boolean) => void }) {
  const id = useId();
  const demoMode = useChaosAdmins()?.browserApi != null;
  return (
    <div className={styles.guard}>
      <input id={id} type="checkbox" checked={off} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-help`} />
      <div>
        <label htmlFor={id}>Disable double-click guard</label>
        <p id={`${id}-help`} className="muted" data-testid="double-click-help">
          {demoMode ? (
            <>
              Demo: every click sends a request, but an order is answered faster than you can click twice. Switch on <strong>Slow shop</strong> in the chaos
              panel (orders then take 2 s) to see your clicks overlap: one order anyway, thanks to the key.
            </>
          ) : (
            <>
              Demo: every click sends a request, but here an order is answered in a few hundredths of a second, before a second click can land, so your clicks
              will not overlap. To see them overlap, run the demo mode (<code>npm start -- --chaos</code>) and switch on <strong>Slow shop</strong>: orders then
              take 2 s, and five clicks make one order, thanks to the key.
            </>
          )}
        </p>
      </div>
    </div>
  );
}
