import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';

/** Prometheus scrape endpoint (idempotency outcomes, purged keys, transient failures, HTTP durations). */
@ApiTags('observability')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ operationId: 'scrapeMetrics', summary: 'Prometheus metrics, for a private network' })
  @ApiOkResponse({ description: 'Prometheus text exposition format.', content: { [Registry.PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } } })
  @ApiProblems('internal-error')
  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
