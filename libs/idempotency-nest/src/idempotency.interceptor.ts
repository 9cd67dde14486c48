import { CallHandler, ExecutionContext, Inject, Injectable, Logger, NestInterceptor, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS,
  DEFAULT_IDEMPOTENCY_LEASE_MS,
  DEFAULT_REPLAYED_HEADERS,
  fingerprintRequest,
  IdempotencyStoreUnavailableError,
  Lease,
  LeaseLostError,
  parseIdempotencyKeyHeader,
} from '@safe-checkout/idempotency';
import type { Request, Response } from 'express';
import { lastValueFrom, Observable, of } from 'rxjs';
import { IdempotencyMetrics, IdempotencyOutcome } from './idempotency-metrics';
import { IDEMPOTENCY_MODULE_OPTIONS, IdempotencyModuleOptions } from './idempotency-module-options';
import { IdempotencyProblemException } from './idempotency-problem.exception';
import { IDEMPOTENT_ROUTE, IdempotentRouteOptions } from './idempotent.decorator';
import { matchedRoute } from './matched-route';
import { captureResponse, sendStoredResponse, withDeclaredCharset } from './stored-response';

/**
 * Runs `@Idempotent()` routes at most once per (user, key): claim the key, then replay, reject,
 * or execute the handler and store its response in the handler's own transaction.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger(IdempotencyInterceptor.name);
  private readonly replayedHeaders: readonly string[];

  constructor(
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_MODULE_OPTIONS) private readonly options: IdempotencyModuleOptions,
    private readonly metrics: IdempotencyMetrics,
  ) {
    this.replayedHeaders = options.replayedHeaders ?? DEFAULT_REPLAYED_HEADERS;
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const route = this.reflector.get<Required<IdempotentRouteOptions> | undefined>(IDEMPOTENT_ROUTE, context.getHandler());
    if (!route) return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    // Optional keys (Stripe's style): a request without one runs once, unrecorded.
    if (!route.keyRequired && keyHeaderLines(request).length === 0) return next.handle();
    return this.handleKeyedRequest(request, http.getResponse<Response>(), next);
  }

  private async handleKeyedRequest(request: Request, response: Response, next: CallHandler): Promise<Observable<unknown>> {
    const outcome = (value: IdempotencyOutcome) => {
      response.locals.idempotencyOutcome = value;
      this.metrics.count(value);
    };
    const parsed = parseIdempotencyKeyHeader(keyHeaderLines(request));
    if (!parsed.ok) {
      outcome(parsed.problem === 'idempotency-key-missing' ? 'missing' : 'invalid');
      throw new IdempotencyProblemException(parsed.problem, parsed.detail);
    }
    const scope = this.options.scopeOf(request);
    if (scope === undefined) throw new UnauthorizedException('an idempotent route needs an authenticated caller: keys are scoped by user');

    const claim = await this.guardStore(outcome, () =>
      this.options.store.claim({
        scope,
        key: parsed.key,
        fingerprint: fingerprintRequest({ method: request.method, route: matchedRoute(request), query: request.query, body: request.body }),
        leaseMs: this.options.leaseMs ?? DEFAULT_IDEMPOTENCY_LEASE_MS,
        ttlMs: (this.options.ttlSeconds ?? DEFAULT_IDEMPOTENCY_KEY_TTL_SECONDS) * 1000,
      }),
    );
    switch (claim.outcome) {
      case 'replay':
        outcome('replayed');
        return of(sendStoredResponse(response, claim.response, true));
      case 'in-progress':
        outcome('in_progress');
        throw inProgress(Math.min(claim.retryAfterSeconds, this.options.inProgressRetryAfterSeconds ?? 1));
      case 'mismatch':
        outcome('reused');
        throw new IdempotencyProblemException('idempotency-key-reused', 'This Idempotency-Key was already used for a different request (other body, method or route). Use a new key for a new operation.');
      case 'claimed':
        return of(await this.execute(claim.lease, response, next, outcome));
    }
  }

  private async execute(lease: Lease, response: Response, next: CallHandler, outcome: (o: IdempotencyOutcome) => void): Promise<string> {
    const run = this.options.runInTransaction ?? ((work) => work());
    try {
      const stored = await this.guardStore(outcome, () =>
        run(async () => {
          const value = await lastValueFrom(next.handle(), { defaultValue: undefined });
          const captured = captureResponse(value, response, this.replayedHeaders);
          await this.options.store.complete(lease, captured);
          return captured;
        }),
      );
      outcome('executed');
      return sendStoredResponse(response, stored, false);
    } catch (error) {
      return this.afterFailure(lease, error, response, outcome);
    }
  }

  // The operation's transaction has rolled back. A final business answer is recorded in its
  // place (and replayed to retries); anything else frees the key so a retry runs the operation.
  private async afterFailure(lease: Lease, error: unknown, response: Response, outcome: (o: IdempotencyOutcome) => void): Promise<string> {
    if (error instanceof LeaseLostError) {
      // Another request took the lapsed lease over and its execution is the one that counts;
      // the client's retry will be answered with that one's response.
      outcome('lease_lost');
      throw inProgress(1);
    }
    const rendered = this.options.renderFinalError?.(error);
    const final = rendered && withDeclaredCharset(rendered);
    if (!final || error instanceof IdempotencyProblemException) {
      await this.options.store.release(lease).catch((releaseError: unknown) =>
        // The key stays locked until its lease lapses; a retry after that runs the operation.
        this.logger.warn({ err: releaseError }, 'could not release idempotency key after a failure'),
      );
      throw error;
    }
    await this.guardStore(outcome, () => this.options.store.complete(lease, final)).catch((completeError: unknown) => {
      if (!(completeError instanceof LeaseLostError)) throw completeError;
      outcome('lease_lost');
      throw inProgress(1);
    });
    outcome('executed');
    return sendStoredResponse(response, final, false);
  }

  // Fail closed (contract: "the key store itself is unreachable"): without the store we cannot
  // tell a retry from a first attempt, so the operation must not run unrecorded.
  private async guardStore<T>(outcome: (o: IdempotencyOutcome) => void, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof IdempotencyStoreUnavailableError)) throw error;
      outcome('store_unavailable');
      const retryAfter = String(this.options.storeUnavailableRetryAfterSeconds ?? 2);
      throw new IdempotencyProblemException('idempotency-store-unavailable', 'The idempotency key store cannot be reached, so the request was not run. Retry later with the same key.', { 'Retry-After': retryAfter });
    }
  }
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
