import { Inject, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import { CheckoutModule } from '../checkout/checkout.module';
import { CheckoutStatements } from '../checkout/checkout.statements';

/** Header the chaos proxy sets on a request it wants to fail inside the operation. */
export const CHAOS_FAULT_HEADER = 'x-chaos-fault';

/** Thrown by the injected fault: an ordinary unexpected error, so the API answers 500. */
export class InjectedServerFailure extends Error {
  override readonly name = 'InjectedServerFailure';
}

/**
 * Fails the checkout's first phase when the proxy asked for it: once the order's statements have
 * taken the stock and written the order, still inside the phase's transaction, so "the server
 * failed mid-operation" is real (docs/chaos.md, `server-failure`): writes happened and roll back.
 * It decorates the checkout's own statements instance, so the production checkout carries no hook.
 */
@Injectable()
class ServerFailureAfterStockTaken implements OnModuleInit {
  constructor(
    @Inject(CheckoutStatements) private readonly statements: CheckoutStatements,
    @Inject(ClsService) private readonly cls: ClsService,
  ) {}

  onModuleInit(): void {
    const createAwaitingPayment = this.statements.createAwaitingPayment.bind(this.statements);
    this.statements.createAwaitingPayment = async (input) => {
      const order = await createAwaitingPayment(input);
      if (this.askedForServerFailure()) throw new InjectedServerFailure('chaos: injected server failure after stock was taken');
      return order;
    };
  }

  private askedForServerFailure(): boolean {
    const request = this.cls.get<{ headers: Record<string, unknown> } | undefined>(CLS_REQ);
    return request?.headers[CHAOS_FAULT_HEADER] === 'server-failure';
  }
}

/**
 * Chaos mode only (imported by chaos-main.ts, never by main.ts): the checkout fails after taking
 * the stock when a request carries `X-Chaos-Fault: server-failure`.
 */
@Module({ imports: [CheckoutModule], providers: [ServerFailureAfterStockTaken] })
export class ChaosFaultModule {}
