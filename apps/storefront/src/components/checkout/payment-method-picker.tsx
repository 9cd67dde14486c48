'use client';

import { useId } from 'react';
import { TEST_PAYMENT_METHODS } from '@/lib/checkout/test-payment-methods';
import styles from './checkout.module.css';

/** The cards the checkout can charge, as radio buttons; `note` says why they are locked. */
export function PaymentMethodPicker(props: { value: string; onChange: (paymentMethod: string) => void; locked: boolean; note?: string }) {
  const { value, onChange, locked, note } = props;
  const id = useId();
  const noteId = `${id}-note`;
  return (
    <fieldset className={styles.cards} disabled={locked} aria-describedby={note ? noteId : undefined}>
      <legend>Pay with</legend>
      {TEST_PAYMENT_METHODS.map((card) => (
        <label key={card.id} className={styles.cardChoice}>
          <input type="radio" name={id} value={card.id} checked={value === card.id} onChange={() => onChange(card.id)} />
          <span className={styles.cardName}>
            {card.brand} •••• {card.last4}
          </span>
          {card.note && (
            <>
              {' '}
              <span className={styles.cardNote}>{card.note}</span>
            </>
          )}
        </label>
      ))}
      {note && (
        <p id={noteId} className={styles.cardsNote}>
          {note}
        </p>
      )}
    </fieldset>
  );
}
