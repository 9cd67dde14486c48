import type { ChargeAttempt, ChargeRun } from '@/lib/api';
import { OUTCOME_LABELS, type Tone } from '../checkout/timeline-text';

type ChargeAttemptOutcome = keyof typeof CHARGE_OUTCOMES;

/** How one of the shop's attempts at the provider ended: its client's verdict decides; the status and failure label only say which kind. */
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

/** Each outcome's badge (the retry timeline's where they mean the same) and what it meant (`{status}`: `HTTP 502` or `No answer`; `{cause}`: a dropped connection's error code). */
export const CHARGE_OUTCOMES = {
  charged: { label: 'Charged', tone: 'ok', says: '{status}: the provider charged the card, a new PaymentIntent.' },
  replayed: {
    ...OUTCOME_LABELS.replayed,
    says: "{status} with Idempotent-Replayed: the provider's stored answer of an earlier attempt with this key. Nothing was charged again.",
  },
  declined: { label: 'Declined', tone: 'bad', says: '{status}: the card was declined. A final answer: nothing was charged.' },
  rejected: { ...OUTCOME_LABELS.rejected, says: '{status}: a final answer from the provider; retrying cannot change it.' },
  dropped: { ...OUTCOME_LABELS.dropped, says: 'The connection failed before any answer{cause}: the charge may or may not have reached the provider.' },
  'timed-out': { ...OUTCOME_LABELS['timed-out'], says: 'No answer in time: the charge may or may not have reached the provider.' },
  'server-error': { ...OUTCOME_LABELS['server-error'], says: '{status}: the provider failed; the charge may or may not have happened.' },
  'in-progress': { ...OUTCOME_LABELS['in-progress'], says: '{status}: an earlier attempt with this key was still running at the provider.' },
} satisfies Record<string, { label: string; tone: Tone; says: string }>;

export function describeChargeAttempt(a: ChargeAttempt): string {
  const cause = a.reason?.startsWith('network:') ? ` (${a.reason.slice('network:'.length)})` : '';
  const status = a.status === undefined ? 'No answer' : `HTTP ${a.status}`;
  return CHARGE_OUTCOMES[chargeAttemptOutcome(a)].says.replace('{status}', status).replace('{cause}', cause);
}

// What a run of the charge came to; a result this storefront does not know is shown as unknown.
const RUN_RESULTS: Record<string, { text: string; tone: Tone }> = {
  succeeded: { text: 'Paid', tone: 'ok' },
  declined: { text: 'Declined: nothing charged', tone: 'bad' },
  invalid_payment_method: { text: 'Card refused: nothing charged', tone: 'bad' },
  invalid_request: { text: 'Charge request refused: nothing charged', tone: 'bad' },
};

export function describeChargeRun(run: ChargeRun): { text: string; tone: Tone } {
  return Object.hasOwn(RUN_RESULTS, run.result) ? RUN_RESULTS[run.result] : { text: 'Outcome unknown', tone: 'warn' };
}

const GIVE_UPS: Record<string, string> = {
  'retries-exhausted': "No retries left: the shop's client made every retry its policy allows.",
  'budget-exhausted':
    "The shop's client stopped retrying: its retry budget was spent (too many failed attempts lately), so it stopped adding load to a provider that was failing.",
  'deadline-exceeded': "The shop's client stopped retrying: another attempt could not have finished within the charge's deadline.",
};

/** Why the shop stopped trying and what became of the order then; `null` when the answer speaks for itself. */
export function describeChargeGiveUp(run: ChargeRun): string | null {
  if (run.result !== 'unknown') return null;
  const why = (run.stopReason && Object.hasOwn(GIVE_UPS, run.stopReason) && GIVE_UPS[run.stopReason]) || 'No definite answer.';
  return `${why} The order waited for a retry with the same checkout key, or for the shop's recovery worker, to charge it with this same key.`;
}
