'use client';

import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { CheckoutResult } from '@/lib/checkout/checkout-record';
import { checkoutVerdict } from '@/lib/checkout/checkout-verdict';
import { formatMoney, shortId } from '@/lib/format';

export interface CheckoutResultViewProps {
  result: CheckoutResult;
  /** The card the checkout charges, as shown to the customer (`Visa •••• 4242`). */
  card: string;
  /** Asks again with the same key (shown when the outcome is unknown). */
  onCheckAgain: () => void;
  checking: boolean;
}

/** The checkout's final word: placed (first time or replayed), definitely failed, or unknown. */
export function CheckoutResultView({ result, card, onCheckAgain, checking }: CheckoutResultViewProps) {
  const headingRef = useRef<HTMLParagraphElement>(null);
  // Move focus to the verdict once it arrives, so keyboard and screen-reader users land on it.
  useEffect(() => headingRef.current?.focus(), [result.state, result.at]);

  if (result.state === 'placed') {
    const { title, message } = checkoutVerdict({ kind: 'placed', replayed: result.replayed });
    return (
      <div className="callout callout--ok" data-testid="checkout-result" data-state="placed">
        <p className="callout__title" tabIndex={-1} ref={headingRef}>
          {title}
        </p>
        <p>
          {message} Order <Link href={`/orders/${result.orderId}`}>{shortId(result.orderId)}</Link>, total {formatMoney(result.total)}, paid with {card}.
        </p>
      </div>
    );
  }
  // Heading and body were chosen together by checkoutVerdict when the request ended.
  if (result.state === 'failed') {
    return (
      <div className="callout callout--bad" role="alert" data-testid="checkout-result" data-state="failed">
        <p className="callout__title" tabIndex={-1} ref={headingRef}>
          {result.title}
        </p>
        <p>{result.message}</p>
      </div>
    );
  }
  return (
    <div className="callout callout--warn" role="alert" data-testid="checkout-result" data-state="unknown">
      <p className="callout__title" tabIndex={-1} ref={headingRef}>
        {result.title}
      </p>
      <p>{result.message}</p>
      <p>Checking again sends the same key and the same card ({card}): if the order was placed you will see it (replayed); if not, it is placed now, once.</p>
      <button type="button" className="button" onClick={onCheckAgain} disabled={checking}>
        {checking ? 'Checking…' : 'Check again'}
      </button>
    </div>
  );
}
