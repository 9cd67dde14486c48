'use client';

import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { CHECKOUT_RETRY_POLICY } from '@/lib/api';
import { requestOf } from '@/lib/checkout/checkout-record';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { useBrowserStore } from '@/lib/use-browser-store';
import { useApi } from '../../providers/api-provider';
import { SignedInOnly, useSignedInSession } from '../../ui/signed-in-only';
import { isPlacedCheckout, postWithoutKey, putProfileTwice, repeatKey, type ExerciseStep } from './exercise-calls';
import styles from './how-it-works.module.css';

/** Exercise 1: why `POST /orders` is not idempotent and `PUT /users/:id` is, shown on the running shop. */
export function MethodsExercise() {
  return (
    <section id="exercise-methods" className={`card ${styles.exercise}`} aria-labelledby="exercise-methods-title">
      <h3 id="exercise-methods-title">1. Why is POST /orders not idempotent, and PUT /users/:id is?</h3>
      <p>
        A request is idempotent when sending it twice leaves the shop as sending it once. <code>PUT /users/:id</code> names the profile and carries all of its
        new state: the second PUT finds the profile already so and changes nothing; same answer, same version (<code>ETag</code>). <code>POST /orders</code>{' '}
        asks the shop to create something new: sent twice, it would create two orders. So this shop runs an order only with an <code>Idempotency-Key</code>, and
        runs each key once.
      </p>
      <p id="profile">
        The profile&apos;s <code>If-Match</code> guards something else: not repeats, but lost updates. A PUT carries the version it was based on; if someone
        saved in another tab meanwhile, the shop answers 412 instead of overwriting their change, and the <Link href="/profile">profile page</Link> then saves
        only your edits on top of theirs (open it in two tabs to see it).
      </p>
      <SignedInOnly what="the live requests" returnTo="/how-it-works#exercise-methods">
        <MethodsTryIt />
      </SignedInOnly>
    </section>
  );
}

function MethodsTryIt() {
  const { api, session, checkout } = useExercise();
  return (
    <div className={styles.tryRow}>
      <TryIt label="Save my profile, unchanged, twice" run={() => putProfileTwice(api, session)} />
      {checkout ? (
        <TryIt label="Send my last checkout's order without a key" run={() => postWithoutKey(api, session, requestOf(checkout))} />
      ) : (
        <p className="muted">Check out once (any cart) to also send its order without a key.</p>
      )}
    </div>
  );
}

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
  const { api, session, checkout } = useExercise();
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

/** The tab's client, the signed-in customer, and their last checkout (whose key and body the exercises send again). */
function useExercise() {
  const session = useSignedInSession();
  return { api: useApi(), session, checkout: useBrowserStore(checkoutStore(session.user.id), null) };
}

/** A button that sends real requests to the running shop, and the requests and answers it got, in words. */
function TryIt({ label, run }: { label: string; run: () => Promise<ExerciseStep[]> }) {
  const sent = useMutation({ mutationFn: run });
  const steps: ExerciseStep[] | undefined = sent.isError ? [{ request: label, answer: `No answer to show: ${sent.error.message}`, tone: 'bad' }] : sent.data;
  return (
    <div className={styles.tryIt} data-testid="try-it">
      <button type="button" className="button button--secondary" onClick={() => sent.mutate()} disabled={sent.isPending}>
        {sent.isPending ? 'Sending…' : label}
      </button>
      <ol className={styles.steps} aria-live="polite">
        {steps?.map((step, i) => (
          <li key={i}>
            <code>{step.request}</code>
            <span className={`badge badge--${step.tone}`}>{step.answer}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
