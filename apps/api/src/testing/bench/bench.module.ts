import { Module } from '@nestjs/common';
import { NodeIdempotencyModule } from '@node-idempotency/nestjs';
import { MemoryStorageAdapter } from '@node-idempotency/storage-adapter-memory';
import { BenchBaselineController } from './bench-baseline.controller';
import { BenchPeerController } from './bench-peer.controller';
import { StraightCheckout } from './straight-checkout';

/**
 * The routes `npm run bench` compares `POST /orders` with (docs/benchmarks.md): the control group
 * without a layer, and the peer's layer. Only ever added by createBenchApiApp, never to a normal run.
 */
@Module({
  // The peer's memory store: a Map in this process, so two API processes do not share keys.
  imports: [NodeIdempotencyModule.forRootAsync({ storage: { adapter: new MemoryStorageAdapter() } })],
  controllers: [BenchBaselineController, BenchPeerController],
  providers: [StraightCheckout],
})
export class BenchModule {}
