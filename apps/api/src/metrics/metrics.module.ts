import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { collectDefaultMetrics, register } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { TransientFailureMetrics } from './transient-failure-metrics';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: TransientFailureMetrics, useFactory: () => new TransientFailureMetrics() }],
  exports: [TransientFailureMetrics],
})
export class MetricsModule implements NestModule {
  constructor() {
    // Node.js and process metrics (CPU, memory, event-loop lag, GC, handles), once per process:
    // several API instances share one registry in the tests.
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics({ register });
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
