import { finishWith, foreignPhase, localPhase, toRecoveryPoint } from '@safe-checkout/idempotency';
import { atomicOperation, AtomicOperation } from '../atomic-operation';
import type { ThingsService } from './things.service';

/** What the phases of the test's two-phase operation log, in order. */
export interface ShippingLog {
  steps: string[];
  /** Makes the next foreign call throw this. */
  carrierFailure?: Error;
}

/**
 * A two-phase operation for the adapter's tests: reserve a thing (local), then book it with a
 * carrier (foreign) and record the booking (local).
 */
export function shippingOperation(things: ThingsService, log: ShippingLog, body: unknown): AtomicOperation {
  const reserve = localPhase('reserve', 'started', async (input: unknown) => {
    const thing = await things.create(input);
    log.steps.push(`reserve ${thing.id}`);
    return toRecoveryPoint('reserved', { thingId: thing.id });
  });
  const book = foreignPhase(
    'book carrier',
    'reserved',
    async (state: { thingId: number }) => {
      log.steps.push(`book ${state.thingId}`);
      const failure = log.carrierFailure;
      log.carrierFailure = undefined;
      if (failure) throw failure;
      return `booking-${state.thingId}`;
    },
    async (state: { thingId: number }, booking: string) =>
      finishWith({ status: 201, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ ...state, booking }) }),
  );
  return atomicOperation([reserve, book], body);
}
