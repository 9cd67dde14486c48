'use client';

import Link from 'next/link';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { useBrowserStore } from '@/lib/use-browser-store';
import { useApi } from '../../providers/api-provider';
import { SignedInOnly, useSignedInSession } from '../../ui/signed-in-only';
import { isPlacedCheckout, repeatKey } from './exercise-calls';
import { TryIt } from './try-it';
import styles from './how-it-works.module.css';

/** Exercise 2: what the shop answers to a key it has seen, with this tab's last order. */
export function RepeatedKeyExercise() {
  return (
    <section id="exercise-repeated-key" className={`card ${styles.exercise}`} aria-labelledby="exercise-repeated-key-title">
      <h3 id="exercise-repeated-key-title">2. What does a repeated key return?</h3>
      <ul>
        <li>
          <strong>The first request has finished:</strong> its stored answer, status and body byte for byte (201 and the same order), with{' '}
          <code>Idempotent-Replayed: true</code>. Nothing runs again.
        </li>
        <li>
          <strong>The first request is still running:</strong> 409 <code>idempotency-request-in-progress</code> with <code>Retry-After</code>. This checkout
          sends <code>Prefer: wait={CHECKOUT_RETRY_POLICY.preferWaitSeconds}</code> with every order, so the shop first holds the duplicate for up to that long
          (its own limit permitting) and answers it with the first request&apos;s answer, replayed; 409 comes only if that wait runs out. See it with a{' '}
          <Link href="/how-it-works#double-click">double-click</Link>, or the slow shop of the demo mode.
        </li>
        <li>
          <strong>The same key with another body:</strong> 422 <code>idempotency-key-reused</code>. The shop refuses to guess which one was meant, and stores
          nothing.
        </li>
      </ul>
      <SignedInOnly what="the live requests" returnTo="/how-it-works#exercise-repeated-key">
        <RepeatedKeyTryIt />
      </SignedInOnly>
    </section>
  );
}

function RepeatedKeyTryIt() {
  const api = useApi();
  const session = useSignedInSession();
  const checkout = useBrowserStore(checkoutStore(session.user.id), null);
  if (!isPlacedCheckout(checkout)) {
    return (
      <p className="muted">
        <Link href="/cart">Place an order</Link> in this tab, then come back: these buttons send its key again, which can only replay it or be refused.
      </p>
    );
  }
  return (
    <div className={styles.tryRow}>
      <TryIt label="Send my last order's key and body again" run={() => repeatKey(api, session, checkout, 'same')} />
      <TryIt label="Send its key with another body" run={() => repeatKey(api, session, checkout, 'other')} />
    </div>
  );
}
