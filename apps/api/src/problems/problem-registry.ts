import { IDEMPOTENCY_PROBLEMS, IdempotencyProblemSlug } from '@safe-checkout/idempotency';
import { API_PROBLEMS, ProblemKind, ProblemOutcome } from './problem-catalog';

// The idempotency layer's problems know nothing of this API's clients; what each says about the
// operation is decided here, with the API's own (problem-catalog.ts).
const IDEMPOTENCY_PROBLEM_OUTCOMES: Record<IdempotencyProblemSlug, ProblemOutcome> = {
  'idempotency-key-missing': 'final',
  'idempotency-key-invalid': 'final',
  'idempotency-key-reused': 'final',
  'idempotency-request-in-progress': 'in-progress',
  'idempotency-store-unavailable': 'not-run',
};

const IDEMPOTENCY_PROBLEM_KINDS = Object.fromEntries(
  Object.entries(IDEMPOTENCY_PROBLEMS).map(([slug, kind]) => [slug, { ...kind, outcome: IDEMPOTENCY_PROBLEM_OUTCOMES[slug as IdempotencyProblemSlug] }]),
) as Record<IdempotencyProblemSlug, ProblemKind>;

/** Every problem type the running API can answer with, by slug. */
export const PROBLEM_REGISTRY: Readonly<Record<string, ProblemKind>> = { ...API_PROBLEMS, ...IDEMPOTENCY_PROBLEM_KINDS };

export type ProblemSlug = keyof typeof API_PROBLEMS | IdempotencyProblemSlug;

/** The `type` URI of a problem: a stable path the API serves its explanation at. */
export function problemTypeUri(slug: string): string {
  return `/problems/${slug}`;
}
