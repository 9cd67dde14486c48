'use client';

import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import type { ChaosChange, ChaosStatus } from '@/lib/chaos';
import { ProblemNotice } from '../../ui/problem-notice';
import { isSlowShop, SLOW_ANSWER_HOLD_MS, SLOW_SHOP_HOLD_MS, SLOW_SHOP_OFF, SLOW_SHOP_ON } from './slow-shop';
import styles from './chaos.module.css';

const HOLD = `${SLOW_SHOP_HOLD_MS / 1000} s`;

export interface SlowShopToggleProps {
  status: ChaosStatus;
  change(change: ChaosChange): Promise<ChaosStatus>;
}

/**
 * "Slow shop": a preset of the proxy's latency fault that makes every order take about 2 s, so
 * that a person's double-clicks really send several requests while the first is out. It is the
 * network that is slow, not the shop, and the switch says so.
 */
export function SlowShopToggle({ status, change }: SlowShopToggleProps) {
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
