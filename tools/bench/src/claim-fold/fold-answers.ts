// What a checkout that does not run answers, from the key's row as read and the try-locks.
import type { CheckoutEnd, CheckoutKey } from './fold-designs';

/** The key's row as a claim or read statement returns it, with the locks it took. */
export interface KeyRow {
  held: boolean;
  /** Designs C, Cin, F: whether the lock on (scope, key, fingerprint) was free. */
  body_held?: boolean;
  fingerprint: string | null;
  inserted: number;
  id: string | null;
  state: string | null;
}

// A key somebody else holds. A committed row decides, as the core's decideOnExistingRecord does
// (mismatch before state), even when a lock is taken: a replay must stay a replay while another
// copy of it briefly holds the locks. Without a row, the locks tell an open claim apart.
export function answerOf(row: KeyRow, { fingerprint }: CheckoutKey): CheckoutEnd {
  if (row.id !== null) {
    if (row.fingerprint !== fingerprint) return 'mismatch';
    return row.state === 'completed' ? 'replayed' : 'in-progress';
  }
  if (row.body_held === true && !row.held) return 'mismatch';
  if (!row.held) return 'in-progress';
  throw new Error('the key vanished between the claim and its read (a retry would claim again)');
}

/** Thrown inside a transaction to roll it back and answer `end` without running. */
export class Answered extends Error {
  constructor(readonly end: CheckoutEnd) {
    super(end);
  }
}

export function answeredOrRethrow(error: unknown): CheckoutEnd {
  if (error instanceof Answered) return error.end;
  throw error;
}
