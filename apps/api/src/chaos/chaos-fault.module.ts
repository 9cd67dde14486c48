import { CallHandler, ExecutionContext, Injectable, Module, NestInterceptor } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AtomicPhase, STARTED } from '@safe-checkout/idempotency';
import { AtomicOperation, atomicOperation } from '@safe-checkout/idempotency-nest';
import type { Request } from 'express';
import { map, Observable } from 'rxjs';

/** Header the chaos proxy sets on a request it wants to fail inside the operation. */
export const CHAOS_FAULT_HEADER = 'x-chaos-fault';

/** Thrown by the injected fault: an ordinary unexpected error, so the API answers 500. */
export class InjectedServerFailure extends Error {
  override readonly name = 'InjectedServerFailure';
}

/**
 * Fails the first phase of a phased operation (the checkout's: order created, stock taken) after
 * its work and before its transaction commits, when the proxy asked for it: "the server failed
 * mid-operation" is real, writes happened and are rolled back. Registered after the idempotency
 * layer's interceptor, it sees the operation the handler returned before the layer runs it.
 */
@Injectable()
class ServerFailureInjector implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.headers[CHAOS_FAULT_HEADER] !== 'server-failure') return next.handle();
    return next.handle().pipe(map((value) => (isAtomicOperation(value) ? atomicOperation(value.phases.map(failingAfterItsWork), value.input) : value)));
  }
}

function failingAfterItsWork(phase: AtomicPhase): AtomicPhase {
  if (phase.kind !== 'local' || phase.from !== STARTED) return phase;
  return {
    ...phase,
    run: async (state) => {
      await phase.run(state);
      throw new InjectedServerFailure(`chaos: injected server failure after "${phase.name}", before its commit`);
    },
  };
}

function isAtomicOperation(value: unknown): value is AtomicOperation {
  return typeof value === 'object' && value !== null && 'phases' in value && 'input' in value;
}

/**
 * Chaos mode only (imported by chaos-main.ts, never by main.ts): the API's one injected fault.
 * Nothing of it exists in a process started from main.ts.
 */
@Module({ providers: [{ provide: APP_INTERCEPTOR, useClass: ServerFailureInjector }] })
export class ChaosFaultModule {}
