import { DynamicModule, Module } from '@nestjs/common';
import { NodeIdempotencyModule } from '@node-idempotency/nestjs';
import { MemoryStorageAdapter } from '@node-idempotency/storage-adapter-memory';
import { ApiConfig, AppModule, CheckoutModule } from '@safe-checkout/api/composition';
import { BenchBaselineController } from './bench-baseline.controller';
import { BenchPeerController } from './bench-peer.controller';
import { KeylessCheckout } from './keyless-checkout';

/**
 * The API as the bench runs it: AppModule, plus the routes `npm run bench` compares `POST /orders`
 * with (docs/benchmarks.md): the control group without a layer, and the peer's layer. Only the
 * bench composes it; the API's own build has none of it.
 */
@Module({})
export class BenchModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: BenchModule,
      imports: [
        AppModule.forRoot(config),
        // The same module instance as AppModule's: the routes share its checkout, Prisma client and provider client.
        CheckoutModule,
        // The peer's memory store: a Map in this process, so two API processes do not share keys.
        NodeIdempotencyModule.forRootAsync({ storage: { adapter: new MemoryStorageAdapter() } }),
      ],
      controllers: [BenchBaselineController, BenchPeerController],
      providers: [KeylessCheckout],
    };
  }
}
