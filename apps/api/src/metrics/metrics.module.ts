import { Global, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { HttpRequestDurations } from './http-request-durations';
import { MetricsController } from './metrics.controller';
import { TransientFailureMetrics } from './transient-failure-metrics';

/**
 * The application's Prometheus registry (injected as `Registry`), one per application instance:
 * two APIs in one process (the tests) count apart, and every module registers its metrics there.
 */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    {
      provide: Registry,
      useFactory: () => {
        const registry = new Registry();
        // Node.js and process metrics (CPU, memory, event-loop lag, GC, handles).
        collectDefaultMetrics({ register: registry });
        return registry;
      },
    },
    { provide: TransientFailureMetrics, inject: [Registry], useFactory: (registry: Registry) => new TransientFailureMetrics(registry) },
    { provide: HttpRequestDurations, inject: [Registry], useFactory: (registry: Registry) => new HttpRequestDurations(registry) },
  ],
  exports: [Registry, TransientFailureMetrics, HttpRequestDurations],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
