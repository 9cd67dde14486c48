import type { StoredResponse } from '@safe-checkout/idempotency';
import { PROBLEM_CONTENT_TYPE } from './problem-json.filter';

/** A final answer: retrying cannot change it, so it is stored and replayed like a success. */
export class OutOfStockError extends Error {
  override readonly name = 'OutOfStockError';

  constructor(readonly available: number) {
    super(`only ${available} left in stock`);
  }
}

/** The `renderFinalAnswer` option for the test application: only {@link OutOfStockError} is final. */
export function renderOutOfStock(error: unknown): StoredResponse | undefined {
  if (!(error instanceof OutOfStockError)) return undefined;
  const problem = { type: '/problems/insufficient-stock', title: 'Not enough stock', status: 422, available: error.available };
  return { status: 422, headers: { 'content-type': PROBLEM_CONTENT_TYPE }, body: JSON.stringify(problem) };
}
