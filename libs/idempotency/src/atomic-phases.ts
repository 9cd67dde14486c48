import type { IdempotencyKeyStore, Lease, ResumePoint } from './idempotency-key-store';
import { RecoveryPoint, STARTED, StoredResponse } from './idempotency-record';

/**
 * What a phase decided: move on to the next recovery point (saving what the later phases need), or
 * finish with the response every retry of the key will get (Brandur Leach's `RecoveryPoint` and
 * `Response`).
 */
export type PhaseOutcome = { kind: 'recovery-point'; recoveryPoint: RecoveryPoint; recoveryState: unknown } | { kind: 'response'; response: StoredResponse };

/** Move on to `recoveryPoint`; `recoveryState` (JSON) is what the phases after it start from. */
export function toRecoveryPoint(recoveryPoint: RecoveryPoint, recoveryState: unknown): PhaseOutcome {
  return { kind: 'recovery-point', recoveryPoint, recoveryState };
}

/** Finish: store `response` with the key and send it now and to every retry. */
export function finishWith(response: StoredResponse): PhaseOutcome {
  return { kind: 'response', response };
}

/**
 * One step of an operation, run from the recovery point `from`.
 * - `local`: `run` executes inside one database transaction, which also records its outcome with
 *   the key (new recovery point, or the final response): both commit or neither does.
 * - `foreign`: `call` talks to another system outside any transaction (a transaction would hold
 *   its connection over the network and could roll back an effect that cannot be undone); it must
 *   be safe to repeat, e.g. by sending a key derived from the saved state. `record` then stores
 *   what it answered in one local transaction. A crash between the two repeats `call`, never
 *   `record` twice.
 */
export type AtomicPhase =
  | { kind: 'local'; name: string; from: RecoveryPoint; run(state: unknown): Promise<PhaseOutcome> }
  | {
      kind: 'foreign';
      name: string;
      from: RecoveryPoint;
      call(state: unknown): Promise<unknown>;
      record(state: unknown, answer: unknown): Promise<PhaseOutcome>;
    };

/** A local phase: `run` executes in the phase's transaction. */
export function localPhase<State>(name: string, from: RecoveryPoint, run: (state: State) => Promise<PhaseOutcome>): AtomicPhase {
  return { kind: 'local', name, from, run: run as (state: unknown) => Promise<PhaseOutcome> };
}

/** A foreign phase: `call` outside any transaction, then `record` its answer in one. */
export function foreignPhase<State, Answer>(
  name: string,
  from: RecoveryPoint,
  call: (state: State) => Promise<Answer>,
  record: (state: State, answer: Answer) => Promise<PhaseOutcome>,
): AtomicPhase {
  return {
    kind: 'foreign',
    name,
    from,
    call: call as (state: unknown) => Promise<unknown>,
    record: record as (state: unknown, answer: unknown) => Promise<PhaseOutcome>,
  };
}

/** What {@link runAtomicPhases} needs besides the phases. */
export interface AtomicPhaseContext {
  store: IdempotencyKeyStore;
  lease: Lease;
  /** Where to start: the claim's resume point. */
  resume: ResumePoint;
  /** The request's own input: the state of the phase at `started`. */
  input: unknown;
  /** Runs `work` in one database transaction; the store's `advance`/`complete` must join it. */
  runInTransaction: <T>(work: () => Promise<T>) => Promise<T>;
}

/**
 * Runs an operation's phases from the claim's recovery point until one finishes with a response,
 * and returns that response (already stored with the key). Each local step commits with its
 * recovery point, fenced by the lease: a holder that lost its lease cannot advance or complete.
 * A phase that throws leaves the key at the last committed recovery point; the caller decides
 * whether the error is a final answer or a reason to release the key for a retry to resume.
 *
 * @throws Error when no phase starts at the current recovery point, or a phase would run twice in
 *   one pass (a cycle): bounded by the number of phases before anything runs
 */
export async function runAtomicPhases(phases: readonly AtomicPhase[], context: AtomicPhaseContext): Promise<StoredResponse> {
  let point = context.resume.recoveryPoint;
  let state = point === STARTED ? context.input : context.resume.recoveryState;
  const ran = new Set<AtomicPhase>();
  for (;;) {
    const phase = phases.find((candidate) => candidate.from === point);
    if (!phase) throw new Error(`no phase starts at recovery point "${point}"`);
    if (ran.has(phase)) throw new Error(`phase "${phase.name}" would run twice in one pass: the phases form a cycle`);
    ran.add(phase);
    const outcome = await runPhase(phase, state, context);
    if (outcome.kind === 'response') return outcome.response;
    point = outcome.recoveryPoint;
    state = outcome.recoveryState;
  }
}

async function runPhase(phase: AtomicPhase, state: unknown, context: AtomicPhaseContext): Promise<PhaseOutcome> {
  const answer = phase.kind === 'foreign' ? await phase.call(state) : undefined;
  return context.runInTransaction(async () => {
    const outcome = phase.kind === 'foreign' ? await phase.record(state, answer) : await phase.run(state);
    if (outcome.kind === 'response') await context.store.complete(context.lease, outcome.response);
    else await context.store.advance(context.lease, outcome.recoveryPoint, outcome.recoveryState);
    return outcome;
  });
}
