import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions, ApiSchema } from '@nestjs/swagger';
import type { HealthCheckResult, HealthIndicatorResult } from '@nestjs/terminus';

// Each check by name (the API has one: `database`), with its status and any data it reports.
const INDICATORS_BY_NAME = {
  type: 'object',
  additionalProperties: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['up', 'down'] } }, additionalProperties: true },
  example: { database: { status: 'up' } },
} satisfies ApiPropertyOptions;

/** The `GET /health` body when everything is up (@nestjs/terminus' result); otherwise 503 service-unavailable. */
@ApiSchema({ name: 'HealthCheck', description: 'Liveness plus database reachability.' })
export class HealthCheckResponse implements HealthCheckResult {
  @ApiProperty({ type: String, enum: ['ok'] })
  status!: 'ok';

  @ApiPropertyOptional({ ...INDICATORS_BY_NAME, description: 'The checks that are up.' })
  info?: HealthIndicatorResult;

  @ApiPropertyOptional({ ...INDICATORS_BY_NAME, description: 'The checks that are down (none, on a 200).', example: {} })
  error?: HealthIndicatorResult;

  @ApiProperty({ ...INDICATORS_BY_NAME, description: 'Every check.' })
  details!: HealthIndicatorResult;
}
