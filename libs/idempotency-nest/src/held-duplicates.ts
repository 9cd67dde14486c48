import { Inject, Injectable } from '@nestjs/common';
import { fingerprintRequest, parseIdempotencyKeyHeader, StoredResponse } from '@safe-checkout/idempotency';
import type { Request, Response } from 'express';
import { preferredWaitSeconds } from './duplicate-waiting';
import { HeldKeyAnswer, HeldKeys, STORED_ANSWER_LOCAL } from './held-keys';
import { IdempotencyMetrics } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { IDEMPOTENCY_OUTCOME_HEADER } from './idempotency.interceptor';
import { sendStoredResponse } from './stored-response';

/**
 * Answers a `Prefer: wait` duplicate of a request this process is answering now, before routing,
 * guards and the interceptor (the API calls it from middleware ahead of its routes, with the body
 * already parsed into `request.body`). The first
 * copy of a key to arrive is recorded in {@link HeldKeys} and goes on through the pipeline (the
 * guard, the claim, waiting for the key or running the operation); the copies that arrive while it
 * is answered wait on it, and get the answer it was sent, replayed, as the interceptor would replay
 * it after a claim: without the user's lookup, a claim statement or Nest's pipeline. A storm of
 * 1 000 copies of 10 keys is then about 10 claims per process (docs/capacity.md, "Duplicates wait
 * on the request this process is answering").
 *
 * Only the case that is cheap and certain is answered: same scope, key, path and fingerprint, and a
 * stored answer within the copy's wait. Anything else is left to the pipeline, which decides it as
 * always (a replay, 409, 422, a take-over); a copy that waited here keeps only what is left of its wait.
 */
@Injectable()
export class HeldDuplicates {
  constructor(
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: ResolvedIdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
    private readonly heldKeys: HeldKeys,
  ) {}

  /**
   * Resolves true once `request` is answered (a replay); false when it is left to the pipeline
   * (then, if it is the first copy, with its answer awaited by the next ones). `scope` is the
   * caller as the interceptor's `scopeOf` would name it, from a verified credential.
   */
  async answered(request: Request, response: Response, scope: string): Promise<boolean> {
    const waitSeconds = preferredWaitSeconds(request.headersDistinct?.prefer);
    if (!waitSeconds) return false;
    const parsed = parseIdempotencyKeyHeader(request.headersDistinct?.['idempotency-key'] ?? [], { minLength: this.options.keyMinLength });
    if (!parsed.ok) return false;
    const path = pathOf(request);
    const fingerprint = fingerprintRequest({ method: request.method, route: path, query: request.query, body: request.body });
    const held = this.heldKeys.find(scope, parsed.key);
    if (!held) {
      const settle = this.heldKeys.hold(scope, parsed.key, { fingerprint, path });
      // 'close' follows every response, sent or cut: the waiting copies are never left behind.
      response.once('close', () => {
        const stored = response.locals[STORED_ANSWER_LOCAL] as StoredResponse | undefined;
        settle(stored && { stored, route: request.route });
      });
      return false;
    }
    if (held.path !== path || held.fingerprint !== fingerprint || this.heldKeys.waiting >= this.options.maxWaitingDuplicates) return false;
    const waitMs = Math.min(waitSeconds, this.options.maxPreferWaitSeconds) * 1000;
    const started = Date.now();
    this.heldKeys.waiting++;
    let answer: HeldKeyAnswer | undefined;
    try {
      answer = await settledWithin(held.settled, waitMs);
    } finally {
      this.heldKeys.waiting--;
    }
    if (!answer) {
      // The pipeline claims the key: a take-over of a released key, or, with no wait left, the 409.
      const leftSeconds = Math.max(0, Math.floor((waitMs - (Date.now() - started)) / 1000));
      request.headersDistinct = { ...request.headersDistinct, prefer: [`wait=${leftSeconds}`] };
      return false;
    }
    // As the interceptor records and sends a replay: outcome for the log line and the metrics, then
    // the stored bytes; and the first copy's route, by which the HTTP metrics label the answer.
    request.route = answer.route;
    response.locals.idempotencyOutcome = 'replayed';
    this.metrics.count('replayed');
    const body = sendStoredResponse(response, answer.stored, true);
    response.setHeader(IDEMPOTENCY_OUTCOME_HEADER, 'replayed');
    response.send(body);
    return true;
  }
}

// The request's path as sent, without its query. Copies are compared by it, and by a fingerprint
// that names it as the route: only a copy sent exactly like the first is answered here (another
// spelling of the path goes the long way, where the route as matched is fingerprinted).
function pathOf(request: Request): string {
  const url = request.originalUrl ?? request.url;
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

function settledWithin(settled: Promise<HeldKeyAnswer | undefined>, ms: number): Promise<HeldKeyAnswer | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}
