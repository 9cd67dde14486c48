import { Inject, MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { HeldDuplicates } from '@safe-checkout/idempotency-nest';
import type { NextFunction, Request, Response } from 'express';
import { API_CONFIG, ApiConfig } from '../config/api-config';
import { bearerToken } from '../security/bearer-token';
import { tokenLifetimeProblem } from '../security/token-lifetime';

/**
 * Answers a `Prefer: wait` duplicate of a key held by a request of this process before routing,
 * Nest's guards and the idempotency interceptor ({@link HeldDuplicates}): a storm of copies of a
 * few keys then costs each copy its HTTP parsing, its body, one HMAC and a map lookup, instead of
 * the user's lookup, a claim statement and Nest's pipeline (docs/capacity.md).
 *
 * Module middleware imported right after JsonBodyModule: the copy is logged and counted as any
 * request (request id, log line with its outcome, HTTP metrics) and its body was parsed by the one
 * parser, under the same limits. The caller is the `sub` of a token the guard would accept (our
 * signature, expiry and lifetime checked here); a token naming no user gets no answer here, since
 * only a key held for that user is answered, by a request that passed the guard moments ago.
 */
@Module({})
export class HeldDuplicatesModule implements NestModule {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // Resolved at the first request: JwtService and HeldDuplicates live in other modules of the app.
    let resolved: { jwt: JwtService; held: HeldDuplicates } | undefined;
    const answerHeldDuplicate = (request: Request, response: Response, next: NextFunction): void => {
      resolved ??= { jwt: this.moduleRef.get(JwtService, { strict: false }), held: this.moduleRef.get(HeldDuplicates, { strict: false }) };
      // Only a waiting duplicate can be answered here: anything else pays no HMAC for it.
      const waits = request.headers.prefer !== undefined && request.headers['idempotency-key'] !== undefined;
      const user = waits ? signedUserOf(resolved.jwt, request, this.config.jwtMaxLifetimeSeconds) : undefined;
      if (user === undefined) return next();
      resolved.held.answered(request, response, user).then((answered) => answered || next(), next);
    };
    consumer.apply(answerHeldDuplicate).forRoutes({ path: '*path', method: RequestMethod.POST });
  }
}

// As JwtAuthGuard names its caller: tokens name their user by the id PostgreSQL printed.
const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The user a bearer token the guard would accept names (signature, expiry, lifetime), or undefined. */
function signedUserOf(jwt: JwtService, request: Request, maxLifetimeSeconds: number): string | undefined {
  const token = bearerToken(request.headers.authorization);
  if (!token) return undefined;
  try {
    const claims = jwt.verify<{ sub?: unknown; iat?: unknown; exp?: unknown }>(token);
    if (tokenLifetimeProblem(claims, maxLifetimeSeconds)) return undefined;
    return typeof claims.sub === 'string' && CANONICAL_UUID.test(claims.sub) ? claims.sub : undefined;
  } catch {
    return undefined;
  }
}
