'use client';

import { useId } from 'react';
import { TEST_PAYMENT_METHODS } from '@/lib/checkout/test-payment-methods';
import styles from './checkout.module.css';

export interface PaymentMethodPickerProps {
  /** The chosen payment method's id (`pm_…`). */
  value: string;
  onChange: (paymentMethod: string) => void;
  /** The card cannot be changed right now. */
  locked: boolean;
  /** Said under the cards, e.g. why they are locked. */
  note?: string;
}

/** The cards the checkout can charge, as radio buttons: brand, last four digits and, for a test card that fails, what it does. */
export function PaymentMethodPicker({ value, onChange, locked, note }: PaymentMethodPickerProps) {
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
