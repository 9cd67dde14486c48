'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { CheckoutResult } from '@/lib/checkout/checkout-record';
import { checkoutVerdict } from '@/lib/checkout/checkout-verdict';
import { formatMoney, shortId } from '@/lib/format';

const TONE = { placed: 'ok', failed: 'bad', unknown: 'warn' } as const;

/** The checkout's verdict: placed (first time or replayed), definitely failed, or unknown with Check again (the same key). */
export function CheckoutResultView(props: { result: CheckoutResult; card: string; onCheckAgain: () => void; checking: boolean }) {
  const { result, card, onCheckAgain, checking } = props;
  const headingRef = useRef<HTMLParagraphElement>(null);
  // Move focus to the verdict once it arrives, so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [result.state, result.at]);
  const { title, message } = result.state === 'placed' ? checkoutVerdict({ kind: 'placed', replayed: result.replayed }) : result;
  return (
    <div
      className={`callout callout--${TONE[result.state]}`}
      role={result.state === 'placed' ? undefined : 'alert'}
      data-testid="checkout-result"
      data-state={result.state}
    >
      <p className="callout__title" tabIndex={-1} ref={headingRef}>
        {title}
      </p>
      {result.state === 'placed' ? (
        <p>
          {message} Order <Link href={`/orders/${result.orderId}`}>{shortId(result.orderId)}</Link>, total {formatMoney(result.total)}, paid with {card}.
        </p>
      ) : (
        <p>{message}</p>
      )}
      {result.state === 'unknown' && (
        <>
          <p>
            Checking again sends the same key and the same card ({card}): if the order was placed you will see it (replayed); if not, it is placed now, once.
          </p>
          <button type="button" className="button" onClick={onCheckAgain} disabled={checking}>
            {checking ? 'Checking…' : 'Check again'}
          </button>
        </>
      )}
    </div>
  );
}
