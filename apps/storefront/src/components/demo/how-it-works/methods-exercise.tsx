'use client';

import Link from 'next/link';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { requestOf } from '@/lib/checkout/checkout-record';
import { useBrowserStore } from '@/lib/use-browser-store';
import { useApi } from '../../providers/api-provider';
import { SignedInOnly, useSignedInSession } from '../../ui/signed-in-only';
import { postWithoutKey, putProfileTwice } from './exercise-calls';
import { TryIt } from './try-it';
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
  const api = useApi();
  const session = useSignedInSession();
  const checkout = useBrowserStore(checkoutStore(session.user.id), null);
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
