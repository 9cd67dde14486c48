import type { StoredResponse } from '@safe-checkout/idempotency';
import { ProblemSlug } from '../problems/problem-registry';
import { renderProblem } from '../problems/render-problem';
import { toProblem } from '../problems/to-problem';

// Answers that retrying cannot change: stored with the key and replayed, like a success
// (http-contract.md "Orders": insufficient stock and a total out of range are final answers). Validation errors
// are not among them: they are rejected before the operation runs, and the key stays free.
const FINAL_ANSWERS = new Set<ProblemSlug>(['insufficient-stock', 'unknown-product', 'mixed-currency', 'order-total-out-of-range']);

/** The stored form of a final answer, or `undefined` when the key should be freed. */
export function renderFinalAnswer(error: unknown): StoredResponse | undefined {
  const problem = toProblem(error);
  if (!problem || !FINAL_ANSWERS.has(problem.slug)) return undefined;
  return renderProblem(problem);
}
