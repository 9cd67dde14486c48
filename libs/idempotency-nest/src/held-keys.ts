import { Injectable } from '@nestjs/common';
import type { StoredResponse } from '@safe-checkout/idempotency';

/** The `response.locals` entry where the interceptor leaves the stored answer a keyed request was sent (first, resumed or replayed). */
export const STORED_ANSWER_LOCAL = 'idempotencyStoredAnswer';

/** A key a request of this process is answering now (claiming it, waiting on it, or running its operation), or was sent a stored answer for a moment ago. */
export interface HeldKey {
  /** That request's fingerprint: a copy with another one is not a duplicate of it. */
  fingerprint: string;
  /** The path it was sent to, e.g. `/orders`. */
  path: string;
  /** Resolves once it is answered: with the stored answer it was sent, or undefined when it was sent none (409, a failure, any error). */
  settled: Promise<HeldKeyAnswer | undefined>;
}

/** The stored answer a request was sent, and the route it matched (Express's `request.route`: the HTTP metrics label answers by its pattern). */
export interface HeldKeyAnswer {
  stored: StoredResponse;
  route: unknown;
}

/**
 * How long a stored answer stays here after the request that held its key was sent it (ms). Copies
 * of one storm keep arriving for a moment after the first is answered (a few percent of a wave in
 * the capacity bench); within this time they are sent that answer, which is final and the same bytes
 * the store would replay, instead of each going through the guard, a claim and a read of the store.
 */
export const SETTLED_ANSWER_KEPT_MS = 1_000;

/**
 * The keys requests of this process are answering now, so that a duplicate arriving meanwhile waits
 * on that request (held-duplicates.ts) instead of claiming the key and waiting on its own: one
 * claim and one waiter per key and process, and the others wait on a promise, which cannot miss its
 * settlement as a notification registered too late can. A key answered with a stored answer stays
 * for {@link SETTLED_ANSWER_KEPT_MS} more, already settled. Also the one count of duplicates
 * waiting in this process, whichever way they wait.
 */
@Injectable()
export class HeldKeys {
  /** Duplicates waiting now in this process: on a claim (DuplicateWaiting) or on another request (HeldDuplicates). */
  waiting = 0;
  private readonly held = new Map<string, HeldKey>();

  /** The request of this process answering `key` of `scope` now, or answered with a stored answer within {@link SETTLED_ANSWER_KEPT_MS}, if any. */
  find(scope: string, key: string): HeldKey | undefined {
    return this.held.get(heldKeyId(scope, key));
  }

  /** Records that a request of this process answers `key` now; call the returned function with its stored answer (or none) once it is answered. */
  hold(scope: string, key: string, request: Omit<HeldKey, 'settled'>): (answer: HeldKeyAnswer | undefined) => void {
    const id = heldKeyId(scope, key);
    let resolve: (answer: HeldKeyAnswer | undefined) => void = () => undefined;
    const settled = new Promise<HeldKeyAnswer | undefined>((done) => (resolve = done));
    this.held.set(id, { ...request, settled });
    return (answer) => {
      resolve(answer);
      if (this.held.get(id)?.settled !== settled) return;
      // Without a stored answer (409, a failure that freed the key), removed before its waiters
      // resume: a copy arriving after this claims the key itself.
      if (!answer) return void this.held.delete(id);
      setTimeout(() => {
        if (this.held.get(id)?.settled === settled) this.held.delete(id);
      }, SETTLED_ANSWER_KEPT_MS).unref();
    };
  }
}

function heldKeyId(scope: string, key: string): string {
  return JSON.stringify([scope, key]);
}
