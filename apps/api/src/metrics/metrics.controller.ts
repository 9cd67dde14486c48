import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { register } from 'prom-client';
import { Public } from '../auth/public.decorator';

/** Prometheus scrape endpoint (idempotency outcomes, purged keys, transient failures, HTTP durations). */
@ApiTags('observability')
@Public()
@Controller('metrics')
export class MetricsController {
  @Get()
  @Header('Content-Type', register.contentType)
  scrape(): Promise<string> {
    return register.metrics();
  }
}
