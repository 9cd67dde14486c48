import { IDEMPOTENCY_PROBLEMS } from '@safe-checkout/idempotency';
import { API_PROBLEMS, ProblemKind } from './problem-catalog';

/** Every problem type the running API can answer with, by slug. */
export const PROBLEM_REGISTRY: Readonly<Record<string, ProblemKind>> = { ...API_PROBLEMS, ...IDEMPOTENCY_PROBLEMS };

export type ProblemSlug = keyof typeof API_PROBLEMS | keyof typeof IDEMPOTENCY_PROBLEMS;

/** The `type` URI of a problem: a stable path the API serves its explanation at. */
export function problemTypeUri(slug: string): string {
  return `/problems/${slug}`;
}
