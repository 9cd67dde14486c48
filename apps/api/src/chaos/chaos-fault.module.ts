import { Global, Module } from '@nestjs/common';
import { CLS_REQ, ClsService } from 'nestjs-cls';
import { ORDER_FAULT_HOOK, OrderFaultHook } from '../checkout/order-fault-hook';

/** Header the chaos proxy sets on a request it wants to fail inside the operation. */
export const CHAOS_FAULT_HEADER = 'x-chaos-fault';

/** Thrown by the injected fault: an ordinary unexpected error, so the API answers 500. */
export class InjectedServerFailure extends Error {
  override readonly name = 'InjectedServerFailure';
}

/**
 * Chaos mode only (imported by chaos-main.ts, never by main.ts): fails an order after its stock
 * was taken when the proxy asked for it, so that "the server failed mid-operation" is real —
 * writes happened and are rolled back.
 */
@Global()
@Module({
  providers: [
    {
      provide: ORDER_FAULT_HOOK,
      inject: [ClsService],
      useFactory: (cls: ClsService): OrderFaultHook => ({
        afterStockTaken: () => {
          const request = cls.get<{ headers: Record<string, unknown> } | undefined>(CLS_REQ);
          if (request?.headers[CHAOS_FAULT_HEADER] === 'server-failure') {
            throw new InjectedServerFailure('chaos: injected server failure after stock was taken');
          }
        },
      }),
    },
  ],
  exports: [ORDER_FAULT_HOOK],
})
export class ChaosFaultModule {}
