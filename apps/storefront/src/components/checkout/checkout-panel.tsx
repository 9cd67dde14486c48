'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { CartItem, Money, OrderRequest, Session } from '@/lib/api';
import { endExpiredSession } from '@/lib/auth/session-expiry';
import { checkoutPhase, isOutcomeOpen } from '@/lib/checkout/checkout-phase';
import { canReuse, requestOf, type CheckoutRecord } from '@/lib/checkout/checkout-record';
import { checkoutStore } from '@/lib/checkout/checkout-store';
import { THIS_PAGE } from '@/lib/checkout/page-presence';
import { placeOrder } from '@/lib/checkout/place-order';
import { DEFAULT_PAYMENT_METHOD_ID, paymentMethodLabel } from '@/lib/checkout/test-payment-methods';
import { formatMoney } from '@/lib/format';
import { useApi } from '../providers/api-provider';
import { CheckoutResultView } from './checkout-result';
import { DoubleClickGuard } from './double-click-guard';
import { PaymentMethodPicker } from './payment-method-picker';
import styles from './checkout.module.css';

/**
 * The card, the Buy button, the double-click guard, the checkout's key and its verdict; once the
 * cart has been ordered, where to go next. The guard is a nicety: with it off every click sends a
 * request, and the key still makes them one order. The card is part of the body, so while a request
 * is out or its outcome unknown it is locked to the one sent: Check again must resend the same body
 * with the same key, or the shop could not tell a retry from a new order.
 */
export function CheckoutPanel(props: { session: Session; cart: readonly CartItem[]; total: Money | null; record: CheckoutRecord | null }) {
  const { session, cart, total, record } = props;
  const api = useApi();
  const router = useRouter();
  const [guardOff, setGuardOff] = useState(false);
  // Until the customer picks a card, the one this tab last used, else the default.
  const [chosenCard, setChosenCard] = useState<string | null>(null);
  const phase = checkoutPhase(record, THIS_PAGE);
  const busy = phase.name === 'placing' || phase.name === 'settling';
  const paymentMethod = record && phase.name !== 'ready' ? record.paymentMethod : (chosenCard ?? record?.paymentMethod ?? DEFAULT_PAYMENT_METHOD_ID);
  const reuses = canReuse(record, { items: [...cart], paymentMethod });
  // Only Check again, or this same cart and card (which reuse the key), may send while the outcome is open.
  const secondOrderBlocked = isOutcomeOpen(phase) && !reuses;
  const sendingText = phase.name === 'placing' && phase.checking ? CHECKING_TEXT : 'Placing your order…';

  function buy(order: OrderRequest) {
    // Read the store, not React state: a second click in the same frame must see the first.
    const inFlight = checkoutStore(session.user.id).get()?.inFlight.length ?? 0;
    if (!guardOff && inFlight > 0) return;
    // After a 401 the customer signs in and comes back here, where the kept record resends its body with its key.
    void placeOrder({ api, session, order, onUnauthorized: () => router.push(endExpiredSession('/cart')) });
  }

  const onCheckAgain = () => record && buy(requestOf(record));
  // Once the whole cart was ordered: the order placed and where to go next, instead of a Buy button with nothing to buy.
  const ordered = cart.length === 0 && record?.result?.state === 'placed' ? record.result : null;
  return (
    <section className={`card ${styles.panel}`} aria-labelledby="checkout-title" data-testid={ordered ? 'order-placed' : undefined}>
      <h2 id="checkout-title">{ordered ? 'Thank you for your order' : 'Checkout'}</h2>
      {/* The verdict first: at 1280 × 900 it stays in view beside its timeline, above the cards it may ask to change. */}
      {record?.result && (
        <CheckoutResultView result={record.result} card={paymentMethodLabel(record.paymentMethod)} checking={busy} onCheckAgain={onCheckAgain} />
      )}
      {ordered ? (
        <WhereNext orderId={ordered.orderId} />
      ) : (
        <>
          <p className={styles.total}>
            <span>Total</span>
            <strong>{total ? formatMoney(total) : '—'}</strong>
          </p>
          {/* While sending, the cart's own note explains the lock: a note here would move the Buy button under a fast second click. */}
          <PaymentMethodPicker
            value={paymentMethod}
            onChange={setChosenCard}
            locked={phase.name !== 'ready'}
            note={phase.name === 'unknown' ? UNKNOWN_LOCK_NOTE : undefined}
          />
          <button
            type="button"
            className={`button button--wide button--large ${styles.buy}`}
            disabled={cart.length === 0 || (!guardOff && busy) || secondOrderBlocked}
            onClick={() => buy({ items: [...cart], paymentMethod })}
          >
            {busy && !guardOff ? sendingText : 'Buy now'}
          </button>
          <DoubleClickGuard off={guardOff} onChange={setGuardOff} />
          <p className={styles.keyNote} aria-live="polite">
            {record && reuses ? (
              <>
                Checkout key <code>{record.key.slice(0, 8)}…</code>: every click, retry and reload reuses it, with this cart and card, until the shop gives a
                final answer.
              </>
            ) : (
              <>Buying mints a new checkout key for exactly this cart and card; changing either later starts a new one.</>
            )}
          </p>
        </>
      )}
      {busy && (
        <p className="loading" role="status">
          <span className="spinner" aria-hidden="true" />
          {phase.name === 'settling' && record?.result?.state === 'placed' ? waitingTwins(phase.twins) : sendingText}
        </p>
      )}
      {phase.name === 'unknown' && secondOrderBlocked && cart.length > 0 && (
        <p className="callout callout--warn" data-testid="second-order-blocked">
          Your cart changed after this checkout started, and whether that order was placed is not known yet. Buy now stays off until it is: with this cart it
          would be a second order, with a new key. Check again first (it resends the checkout&apos;s own items and card), or put the cart back as it was.
        </p>
      )}
    </section>
  );
}

function WhereNext({ orderId }: { orderId: string }) {
  return (
    <div className={styles.next}>
      <Link className="button" href={`/orders/${orderId}`}>
        View your order
      </Link>
      <Link className="button button--secondary" href="/">
        Continue shopping
      </Link>
    </div>
  );
}

function waitingTwins(count: number): string {
  return count === 1
    ? '1 more request is still waiting for its answer (it will be a replay).'
    : `${count} more requests are still waiting for their answers (they will be replays).`;
}

const CHECKING_TEXT = 'Checking your last checkout…';

const UNKNOWN_LOCK_NOTE = 'Locked until the outcome is known: Check again must resend this card with the same key, so that it is charged at most once.';
