'use client';

import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { NETWORK_FAULTS, type ChaosChange, type ChaosStatus } from '@/lib/chaos/chaos-admin';
import { ProblemNotice } from '../../ui/problem-notice';
import styles from './chaos.module.css';

/** Long enough that a person's second click lands while the first order is out; far inside the client's per-attempt timeout, so nothing retries. */
export const SLOW_SHOP_HOLD_MS = 2_000;

/** Slow answer's hold once the slow shop is off: the proxy's own default, a second past the client's per-attempt timeout. */
export const SLOW_ANSWER_HOLD_MS = CHECKOUT_RETRY_POLICY.attemptTimeoutMs + 1_000;

/** The latency fault on every order attempt and no other fault (each attempt gets at most one). */
export const SLOW_SHOP_ON: ChaosChange = {
  ratePercent: Object.fromEntries(NETWORK_FAULTS.map((fault) => [fault, fault === 'latency' ? 100 : 0])),
  latencyMs: SLOW_SHOP_HOLD_MS,
};

export const SLOW_SHOP_OFF: ChaosChange = { ratePercent: { latency: 0 }, latencyMs: SLOW_ANSWER_HOLD_MS };

export function isSlowShop(status: ChaosStatus): boolean {
  return status.latencyMs === SLOW_SHOP_HOLD_MS && NETWORK_FAULTS.every((fault) => status.ratePercent[fault] === SLOW_SHOP_ON.ratePercent?.[fault]);
}

const HOLD = `${SLOW_SHOP_HOLD_MS / 1000} s`;

/**
 * "Slow shop": a preset of the proxy's latency fault, so that a person's double-clicks really send
 * several requests while the first is out. The network is slow, not the shop, and the switch says so.
 */
export function SlowShopToggle({ status, change }: { status: ChaosStatus; change(change: ChaosChange): Promise<ChaosStatus> }) {
  const id = useId();
  const toggle = useMutation({ mutationFn: (on: boolean) => change(on ? SLOW_SHOP_ON : SLOW_SHOP_OFF) });
  return (
    <div className={styles.slowShop}>
      <div className={styles.slowShopHead}>
        <input
          id={id}
          type="checkbox"
          checked={isSlowShop(status)}
          disabled={toggle.isPending}
          onChange={(e) => toggle.mutate(e.target.checked)}
          aria-describedby={`${id}-help`}
        />
        <label htmlFor={id}>Slow shop: orders take {HOLD}</label>
      </div>
      <p id={`${id}-help`} className={styles.explain}>
        What it does: the proxy holds every order request for {HOLD} before passing it on; the shop itself runs at full speed. So an order takes about {HOLD},
        and with the double-click guard off every click meanwhile really sends a request while the first is out. Each reaches the shop
        {` ${HOLD}`} after its click, finds the order placed (or still running, and waits for it) and gets its answer, replayed: one order. It sets Slow answer
        to 100 %, its hold to {HOLD} and the other faults to 0 %; off, Slow answer goes back to 0 % and its hold to {SLOW_ANSWER_HOLD_MS / 1000} s.
      </p>
      {toggle.isError && <ProblemNotice error={toggle.error} />}
    </div>
  );
}
