import type { AtomicPhase } from '@safe-checkout/idempotency';

const ATOMIC_OPERATION = Symbol('safe-checkout:atomic-operation');

/**
 * What the handler of an `@Idempotent({ phased: true })` route returns: the operation's atomic
 * phases and the request's input, which is the state of the phase at `started`. The layer runs
 * them from wherever the key's recovery point says (payments.md §2).
 */
export interface AtomicOperation {
  readonly phases: readonly AtomicPhase[];
  readonly input: unknown;
}

/**
 * Builds the {@link AtomicOperation} a phased handler returns.
 *
 * @example
 * return atomicOperation([createOrder, chargeOrder], { userId, items, paymentMethod });
 */
export function atomicOperation(phases: readonly AtomicPhase[], input: unknown): AtomicOperation {
  return { phases, input, [ATOMIC_OPERATION]: true } as AtomicOperation;
}

export function isAtomicOperation(value: unknown): value is AtomicOperation {
  return typeof value === 'object' && value !== null && ATOMIC_OPERATION in value;
}
