'use client';

import { useEffect, useState } from 'react';
import { MAX_QUANTITY } from '@/lib/cart-store';
import styles from './cart.module.css';

/** − [n] +; a typed number applies when it is a valid quantity. `itemName` labels it ("Quantity of Idempotent mug"). */
export function QuantityStepper(props: { itemName: string; quantity: number; disabled?: boolean; onChange: (quantity: number) => void }) {
  const { itemName, quantity, disabled, onChange } = props;
  const [text, setText] = useState(String(quantity));
  useEffect(() => setText(String(quantity)), [quantity]);

  function commit(value: string) {
    const n = Number(value);
    if (Number.isInteger(n) && n >= 1) onChange(Math.min(n, MAX_QUANTITY));
    else setText(String(quantity));
  }

  return (
    <div className={styles.stepper} role="group" aria-label={`Quantity of ${itemName}`}>
      <button
        type="button"
        className={styles.stepButton}
        aria-label={`One fewer ${itemName}`}
        disabled={disabled || quantity <= 1}
        onClick={() => onChange(quantity - 1)}
      >
        −
      </button>
      <input
        className={styles.stepInput}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_QUANTITY}
        aria-label={`Quantity of ${itemName}`}
        value={text}
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(e.currentTarget.value);
        }}
      />
      <button
        type="button"
        className={styles.stepButton}
        aria-label={`One more ${itemName}`}
        disabled={disabled || quantity >= MAX_QUANTITY}
        onClick={() => onChange(quantity + 1)}
      >
        +
      </button>
    </div>
  );
}
