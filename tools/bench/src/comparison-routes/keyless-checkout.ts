import { Inject, Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { CheckoutInput, CheckoutPhases, PrismaTransactionHost } from '@safe-checkout/api/composition';
import { PhaseOutcome, STARTED, StoredResponse } from '@safe-checkout/idempotency';

/**
 * The checkout of `POST /orders` (the API's `CheckoutPhases`, the same instances) run from the
 * start with no idempotency key: each local step in a transaction of its own, the charge outside
 * any. What the layer adds to it (claim, recovery points, stored response, replay) is absent, so
 * the bench's control group and the peer's route measure the layer and nothing else.
 */
@Injectable()
export class KeylessCheckout {
  constructor(
    private readonly checkout: CheckoutPhases,
    @Inject(TransactionHost) private readonly txHost: PrismaTransactionHost,
  ) {}

  /** Runs the phases to their answer (201 paid, a 402/422 problem), or throws as `POST /orders` would. */
  async run(input: CheckoutInput): Promise<StoredResponse> {
    const { phases } = this.checkout;
    let point = STARTED;
    let state: unknown = input;
    // Each phase at most once: the checkout's phases move forward, never back.
    for (let step = 0; step < phases.length; step++) {
      const phase = phases.find((candidate) => candidate.from === point);
      if (!phase) break;
      const answer = phase.kind === 'foreign' ? await phase.call(state) : undefined;
      const outcome: PhaseOutcome = await this.txHost.withTransaction(() => (phase.kind === 'foreign' ? phase.record(state, answer) : phase.run(state)));
      if (outcome.kind === 'response') return outcome.response;
      point = outcome.recoveryPoint;
      state = outcome.recoveryState;
    }
    throw new Error(`the checkout's phases did not finish from recovery point "${point}"`);
  }
}
