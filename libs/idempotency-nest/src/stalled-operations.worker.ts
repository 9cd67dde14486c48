import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import {
  AtomicPhase,
  drainStalledOperations,
  StalledOperationsDrainOptions,
  StalledOperationsDrainReport,
  StalledOperationsReport,
} from '@safe-checkout/idempotency';
import type { ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { nextRecoveryDrainAtMs, RECOVERY_TICK_MS } from './recovery-schedule';
import { storedFinalAnswer } from './stored-response';

/** The operation a {@link StalledOperationsWorker} finishes, and how fast. */
export interface StalledOperation {
  /** The operation's phases; keys at any of their recovery points but `started` are resumed. */
  phases: readonly AtomicPhase[];
  /** How long a key's lease must have lapsed before the worker steps in, in ms. */
  lapsedForMs: number;
  /** Keys driven at once, a positive integer. */
  concurrency: number;
  /** How long the foreign service asked everyone to wait, in ms (its `Retry-After`); 0 when work may go. Default: never wait. */
  holdOffMs?: () => number;
  /** Told, before every round, how long the oldest due key has been due, in ms. */
  onOldestDueAge?: (ageMs: number) => void;
  /** Told what every round did, after the worker logged it. */
  onRound?: (round: StalledOperationsReport) => void;
  /** Runs the driving of each stalled key (e.g. in a trace span linked to `claim.traceParent`). Default: as is. */
  aroundResume?: StalledOperationsDrainOptions['aroundResume'];
}

/**
 * Finishes operations nobody else will (payments.md §2 "Recovery"; rocket-rides-atomic's
 * completer): a key whose lease lapsed `lapsedForMs` ago belongs to a process that crashed
 * mid-operation, or to a client that never retried. The worker drives it with the store,
 * transactions and final answers of the request path (`driveClaimedKey`), so it ends as that
 * retry would have, and the stored answer awaits the client's retry. It drains until nothing is
 * due, waits while the foreign service asks it to, then sleeps until the next key falls due
 * (`nextRecoveryDrainAtMs`). Never two drains at once per worker; workers in several processes
 * share the backlog.
 *
 * An application extends it with its operation, as an `@Injectable()` provider of a module that
 * can see `IdempotencyModule`'s options, and imports `ScheduleModule.forRoot()`.
 *
 * @example
 * @Injectable()
 * export class CheckoutRecoveryWorker extends StalledOperationsWorker {
 *   constructor(@Inject(IDEMPOTENCY_MODULE_OPTIONS) idempotency: ResolvedIdempotencyModuleOptions, checkout: CheckoutPhases) {
 *     super(idempotency, { phases: checkout.recoveryPhases, lapsedForMs: 60_000, concurrency: 8 });
 *   }
 * }
 */
export abstract class StalledOperationsWorker implements OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private readonly shutdown = new AbortController();
  private draining = false;
  private nextDrainAtMs = 0;

  protected constructor(
    private readonly idempotency: ResolvedIdempotencyModuleOptions,
    private readonly operation: StalledOperation,
  ) {}

  @Interval(RECOVERY_TICK_MS)
  async runScheduledDrain(): Promise<void> {
    if (this.draining || Date.now() < this.nextDrainAtMs) return;
    this.draining = true;
    let report: StalledOperationsDrainReport | undefined;
    try {
      report = await this.drain();
    } catch (error) {
      this.logger.warn({ err: error }, 'recovery drain failed; the next one retries');
    } finally {
      this.nextDrainAtMs = nextRecoveryDrainAtMs(report, Date.now(), this.operation.lapsedForMs);
      this.draining = false;
    }
  }

  onApplicationShutdown(): void {
    this.shutdown.abort();
  }

  /** One drain now, at `now` (default: the clock): resumes every due stalled key. */
  drain(now?: Date): Promise<StalledOperationsDrainReport> {
    const { store, leaseMs, runInTransaction, renderFinalAnswer } = this.idempotency;
    const { phases, lapsedForMs, concurrency, holdOffMs, onOldestDueAge, aroundResume } = this.operation;
    return drainStalledOperations({
      store,
      phases,
      lapsedForMs,
      leaseMs,
      concurrency,
      runInTransaction,
      renderFinalAnswer: (error) => storedFinalAnswer(renderFinalAnswer, error),
      holdOffMs,
      clock: now && (() => now),
      signal: this.shutdown.signal,
      onOldestDueAge,
      aroundResume,
      onRound: (round) => this.logRound(round),
    });
  }

  private logRound(round: StalledOperationsReport): void {
    for (const lease of round.finished) this.logger.log({ scope: lease.scope }, 'resumed a stalled operation to the end');
    for (const { error } of round.failed) this.logger.warn({ err: error }, 'a stalled operation failed again; it stays at its recovery point');
    this.operation.onRound?.(round);
  }
}
