import type { StoredResponse } from '@safe-checkout/idempotency';
import { PROBLEM_OUTCOME_HEADER } from './problem-catalog';
import { PROBLEM_CONTENT_TYPE } from './problem-details.filter';
import { ProblemException } from './problem.exception';

/**
 * A problem as the stored response of an idempotency key: the exact bytes, status and Content-Type
 * the problem-details filter would send, so a replayed problem is the first one byte for byte.
 */
export function renderProblem(problem: ProblemException): StoredResponse {
  return {
    status: problem.getStatus(),
    // Stored with the key, so that a replayed final answer still says it is final.
    headers: { 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, [PROBLEM_OUTCOME_HEADER.toLowerCase()]: problem.outcome },
    body: JSON.stringify(problem.problem),
  };
}
