import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { HttpMetricsMiddleware } from './http-metrics.middleware';
import { MetricsController } from './metrics.controller';
import { TransientFailureMetrics } from './transient-failure-metrics';

@Module({
  controllers: [MetricsController],
  providers: [{ provide: TransientFailureMetrics, useFactory: () => new TransientFailureMetrics() }],
  exports: [TransientFailureMetrics],
})
export class MetricsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*path');
  }
}
