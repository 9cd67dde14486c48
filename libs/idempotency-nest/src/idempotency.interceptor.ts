import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  ClaimResult,
  driveClaimedKey,
  fingerprintRequest,
  finishWith,
  IdempotencyStoreUnavailableError,
  Lease,
  StoredResponse,
  localPhase,
  parseIdempotencyKeyHeader,
  STARTED,
} from '@safe-checkout/idempotency';
import type { Request, Response } from 'express';
import { lastValueFrom, Observable, of } from 'rxjs';
import { AtomicOperation, isAtomicOperation } from './atomic-operation';
import { DuplicateWaiting, preferredWaitSeconds } from './duplicate-waiting';
import { HeldKeys, STORED_ANSWER_LOCAL } from './held-keys';
import { IdempotencyMetrics, IdempotencyOutcome } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, ResolvedIdempotencyModuleOptions } from './idempotency-module-options';
import { IdempotencyProblemException } from './idempotency-problem.exception';
import { IDEMPOTENT_ROUTE, IdempotentRouteOptions } from './idempotent.decorator';
import { matchedRoute } from './matched-route';
import { captureResponse, sendStoredResponse, storedFinalAnswer } from './stored-response';

/** What one keyed request came to: the outcome to record, and the body to send or the error to throw. */
type Answer = { outcome: AnsweredOutcome; body: string; stored?: StoredResponse } | { outcome: IdempotencyOutcome; error: unknown };

/** The outcomes that answer with the operation's response (its first, resumed or stored answer). */
type AnsweredOutcome = Extract<IdempotencyOutcome, 'executed' | 'resumed' | 'replayed'>;

/** The response header that names the {@link AnsweredOutcome}: `executed`, `resumed` or `replayed`. */
export const IDEMPOTENCY_OUTCOME_HEADER = 'Idempotency-Outcome';

/**
 * Runs `@Idempotent()` routes at most once per (user, key): claim the key, then replay, reject,
 * or run the operation's atomic phases from the claim's recovery point, each local phase in one
 * transaction with the key's progress. A plain route is the one-phase case: its handler runs in
 * one transaction that also stores its response.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly duplicates: DuplicateWaiting;

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: ResolvedIdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
    private readonly heldKeys: HeldKeys,
  ) {
    this.duplicates = new DuplicateWaiting({
      signal: options.settledSignal,
      maxWaitSeconds: options.maxPreferWaitSeconds,
      maxWaiting: options.maxWaitingDuplicates,
      count: heldKeys,
    });
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const route = this.reflector.get<Required<IdempotentRouteOptions> | undefined>(IDEMPOTENT_ROUTE, context.getHandler());
    if (!route) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // Optional keys (Stripe's style): a request without one runs once, unrecorded.
    if (!route.keyRequired && keyHeaderLines(request).length === 0) return next.handle();
    return this.handleKeyedRequest(request, http.getResponse<Response>(), next, route);
  }

  private async handleKeyedRequest(
    request: Request,
    response: Response,
    next: CallHandler,
    route: Required<IdempotentRouteOptions>,
  ): Promise<Observable<unknown>> {
    const answer = await this.answer(request, response, next, route);
    // The one place an outcome is recorded: for the log line and the metrics.
    response.locals.idempotencyOutcome = answer.outcome;
    // What duplicates of this request waiting in this process get (HeldDuplicates).
    if ('stored' in answer) response.locals[STORED_ANSWER_LOCAL] = answer.stored;
    this.metrics.count(answer.outcome);
    if ('error' in answer) throw answer.error;
    // http-contract.md "Idempotency-Key semantics": every answer of the operation says what this
    // request did with it, so a client can tell a retry that finished earlier work from a first run.
    response.setHeader(IDEMPOTENCY_OUTCOME_HEADER, answer.outcome);
    return of(answer.body);
  }

  private async answer(request: Request, response: Response, next: CallHandler, route: Required<IdempotentRouteOptions>): Promise<Answer> {
    const parsed = parseIdempotencyKeyHeader(keyHeaderLines(request), { minLength: this.options.keyMinLength });
    if (!parsed.ok) {
      const error = new IdempotencyProblemException(parsed.problem, parsed.detail);
      return { outcome: parsed.problem === 'idempotency-key-missing' ? 'missing' : 'invalid', error };
    }
    const scope = this.options.scopeOf(request);
    if (scope === undefined) throw new UnauthorizedException('an idempotent route needs an authenticated caller: keys are scoped by user');
    const fingerprint = fingerprintRequest({ method: request.method, route: matchedRoute(request), query: request.query, body: request.body });
    const traceParent = this.options.traceParentOf?.();
    const claimKey = () =>
      this.options.store.claim({
        scope,
        key: parsed.key,
        fingerprint,
        leaseMs: this.options.leaseMs,
        ttlMs: this.options.ttlSeconds * 1000,
        ...(traceParent === undefined ? {} : { traceParent }),
      });
    let claim: ClaimResult;
    try {
      // A duplicate that asked to wait (Prefer: wait) gets the first request's answer, not a 409.
      claim = await this.duplicates.untilSettled(
        await claimKey(),
        preferredWaitSeconds(request.headersDistinct?.prefer),
        { scope, key: parsed.key, fingerprint },
        claimKey,
      );
    } catch (error) {
      return this.storeFailure(error);
    }
    switch (claim.outcome) {
      case 'replay':
        return { outcome: 'replayed', body: sendStoredResponse(response, claim.response, true), stored: claim.response };
      case 'in-progress':
        return { outcome: 'in_progress', error: inProgress(Math.min(claim.retryAfterSeconds, this.options.inProgressRetryAfterSeconds)) };
      case 'mismatch': {
        const detail = 'This Idempotency-Key was already used for a different request (other body, method or route). Use a new key for a new operation.';
        return { outcome: 'reused', error: new IdempotencyProblemException('idempotency-key-reused', detail) };
      }
      case 'claimed':
        return (await this.refusedAdmission(claim, scope, request)) ?? this.execute(claim, response, next, route);
    }
  }

  // Admission is asked only here, where the key is known to start new work: asking before the
  // claim would count replays and duplicates, which must never be limited. A refusal releases the
  // claim, which has written nothing but the key's own row; if the release fails, the lease lapses
  // as after a crash, and nothing of the operation exists either way.
  private async refusedAdmission(claim: Extract<ClaimResult, { outcome: 'claimed' }>, scope: string, request: Request): Promise<Answer | undefined> {
    if (!this.options.admitNewExecution || claim.resume.recoveryPoint !== STARTED) return undefined;
    try {
      await this.options.admitNewExecution(scope, request);
      return undefined;
    } catch (error) {
      await this.releaseQuietly(claim.lease, 'after admission refused it');
      return { outcome: 'not_admitted', error };
    }
  }

  private async releaseQuietly(lease: Lease, when: string): Promise<void> {
    await this.options.store.release(lease).catch((releaseError: unknown) =>
      // The key stays locked until its lease lapses; a retry after that runs or resumes it.
      this.logger.warn({ err: releaseError }, `could not release idempotency key ${when}`),
    );
  }

  private async execute(
    claim: Extract<ClaimResult, { outcome: 'claimed' }>,
    response: Response,
    next: CallHandler,
    route: Required<IdempotentRouteOptions>,
  ): Promise<Answer> {
    const ran: AnsweredOutcome = claim.resume.recoveryPoint === STARTED ? 'executed' : 'resumed';
    const { store, runInTransaction } = this.options;
    const ended = await driveClaimedKey(() => (route.phased ? this.atomicOperationOf(next) : this.onePhase(next, response)), {
      store,
      lease: claim.lease,
      resume: claim.resume,
      runInTransaction,
      renderFinalAnswer: (error) => storedFinalAnswer(this.options.renderFinalAnswer, error),
    });
    switch (ended.end) {
      case 'completed':
      case 'final-answer':
        return { outcome: ran, body: sendStoredResponse(response, ended.response, false), stored: ended.response };
      case 'released':
        if (ended.releaseError) this.logger.warn({ err: ended.releaseError }, 'could not release idempotency key after a failure');
        return { outcome: 'failed', error: ended.error };
      case 'lease-lost':
        return leaseLost();
      case 'store-unavailable':
        return this.storeFailure(ended.error);
    }
  }

  // The handler of a plain @Idempotent() route is the only phase: it runs in the transaction that
  // stores its response.
  private onePhase(next: CallHandler, response: Response): AtomicOperation {
    const handler = localPhase('handler', STARTED, async () =>
      finishWith(captureResponse(await lastValueFrom(next.handle(), { defaultValue: undefined }), response, this.options.replayedHeaders)),
    );
    return { phases: [handler], input: undefined };
  }

  private async atomicOperationOf(next: CallHandler): Promise<AtomicOperation> {
    const value = await lastValueFrom(next.handle(), { defaultValue: undefined });
    if (!isAtomicOperation(value)) throw new TypeError('a route marked @Idempotent({ phased: true }) must return an AtomicOperation');
    return value;
  }

  // Fail closed (contract: "the key store itself is unreachable"): without the store we cannot
  // tell a retry from a first attempt, so the operation must not run unrecorded.
  private storeFailure(error: unknown): Answer {
    if (!(error instanceof IdempotencyStoreUnavailableError)) return { outcome: 'failed', error };
    const retryAfter = String(this.options.storeUnavailableRetryAfterSeconds);
    const detail = 'The idempotency key store cannot be reached, so the request was not run. Retry later with the same key.';
    return { outcome: 'store_unavailable', error: new IdempotencyProblemException('idempotency-store-unavailable', detail, { 'Retry-After': retryAfter }) };
  }
}

// Another request took the lapsed lease over and its execution is the one that counts; the
// client's retry will be answered with that one's response.
function leaseLost(): Answer {
  return { outcome: 'lease_lost', error: inProgress(1) };
}

// Node joins repeated header lines into one comma-separated string ("<key>, " for a key line
// plus an empty one), which would parse as another key; every line is looked at separately so
// that several lines are 400 idempotency-key-invalid (http-contract.md).
function keyHeaderLines(request: Request): string[] {
  return request.headersDistinct?.['idempotency-key'] ?? [];
}

function inProgress(retryAfterSeconds: number): IdempotencyProblemException {
  return new IdempotencyProblemException(
    'idempotency-request-in-progress',
    'A request with this Idempotency-Key is still being processed. Retry after the indicated delay to get its result.',
    { 'Retry-After': String(retryAfterSeconds) },
  );
}
