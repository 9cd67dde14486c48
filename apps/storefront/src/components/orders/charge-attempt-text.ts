import type { ChargeAttempt, ChargeRun } from '@/lib/api';

type Tone = 'ok' | 'info' | 'warn' | 'bad';

/**
 * How one of the shop's attempts at the payment provider ended: `charged` (a new PaymentIntent),
 * `replayed` (the provider's stored answer of an earlier attempt with the same key), `declined`
 * (402), `rejected` (another final answer), or no definite answer: `dropped`, `timed-out`,
 * `server-error` (5xx) and `in-progress` (409: the same key was still running at the provider).
 */
export type ChargeAttemptOutcome = 'charged' | 'replayed' | 'declined' | 'rejected' | 'dropped' | 'timed-out' | 'server-error' | 'in-progress';

/** The shop's client's verdict decides; the status and the failure label only say which kind. */
export function chargeAttemptOutcome({
  verdict,
  status,
  replayed,
  reason,
}: Pick<ChargeAttempt, 'verdict' | 'status' | 'replayed' | 'reason'>): ChargeAttemptOutcome {
  if (verdict === 'succeeded') return replayed ? 'replayed' : 'charged';
  if (verdict === 'definite') return status === 402 ? 'declined' : 'rejected';
  if (reason === 'timeout') return 'timed-out';
  if (reason === 'http:409-in-progress' || status === 409) return 'in-progress';
  if (status !== undefined && status >= 500) return 'server-error';
  return 'dropped';
}

/** Badge text and colour of each outcome of the shop's attempts, in the retry timeline's words where they mean the same. */
export const CHARGE_OUTCOME_LABELS: Record<ChargeAttemptOutcome, { label: string; tone: Tone }> = {
  charged: { label: 'Charged', tone: 'ok' },
  replayed: { label: 'Replayed', tone: 'info' },
  declined: { label: 'Declined', tone: 'bad' },
  rejected: { label: 'Rejected', tone: 'bad' },
  dropped: { label: 'Dropped', tone: 'bad' },
  'timed-out': { label: 'Timed out', tone: 'bad' },
  'server-error': { label: '5xx', tone: 'bad' },
  'in-progress': { label: '409 in progress', tone: 'warn' },
};

/** One sentence on what the provider's answer (or its absence) meant. */
export function describeChargeAttempt(a: ChargeAttempt): string {
  const status = a.status === undefined ? 'No answer' : `HTTP ${a.status}`;
  switch (chargeAttemptOutcome(a)) {
    case 'charged':
      return `${status}: the provider charged the card, a new PaymentIntent.`;
    case 'replayed':
      return `${status} with Idempotent-Replayed: the provider's stored answer of an earlier attempt with this key. Nothing was charged again.`;
    case 'declined':
      return `${status}: the card was declined. A final answer: nothing was charged.`;
    case 'rejected':
      return `${status}: a final answer from the provider; retrying cannot change it.`;
    case 'dropped':
      return `The connection failed before any answer${a.reason?.startsWith('network:') ? ` (${a.reason.slice('network:'.length)})` : ''}: the charge may or may not have reached the provider.`;
    case 'timed-out':
      return 'No answer in time: the charge may or may not have reached the provider.';
    case 'server-error':
      return `${status}: the provider failed; the charge may or may not have happened.`;
    case 'in-progress':
      return `${status}: an earlier attempt with this key was still running at the provider.`;
  }
}

/** What a run of the charge came to, as its badge says it. */
export function describeChargeRun(run: ChargeRun): { text: string; tone: Tone } {
  switch (run.result) {
    case 'succeeded':
      return { text: 'Paid', tone: 'ok' };
    case 'declined':
      return { text: 'Declined: nothing charged', tone: 'bad' };
    case 'invalid_payment_method':
      return { text: 'Card refused: nothing charged', tone: 'bad' };
    case 'invalid_request':
      return { text: 'Charge request refused: nothing charged', tone: 'bad' };
    default:
      // A result this storefront does not know yet is shown as what it cannot be sure of.
      return { text: 'Outcome unknown', tone: 'warn' };
  }
}

/** Why the shop stopped trying and what became of the order then; `null` when the answer speaks for itself. */
export function describeChargeGiveUp(run: ChargeRun): string | null {
  if (run.result !== 'unknown') return null;
  const waited = "The order waited for a retry with the same checkout key, or for the shop's recovery worker, to charge it with this same key.";
  switch (run.stopReason) {
    case 'retries-exhausted':
      return `No retries left: the shop's client made every retry its policy allows. ${waited}`;
    case 'budget-exhausted':
      return `The shop's client stopped retrying: its retry budget was spent (too many failed attempts lately), so it stopped adding load to a provider that was failing. ${waited}`;
    case 'deadline-exceeded':
      return `The shop's client stopped retrying: another attempt could not have finished within the charge's deadline. ${waited}`;
    default:
      return `No definite answer. ${waited}`;
  }
}
