import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService, PrismaHealthIndicator } from '@nestjs/terminus';
import { PrismaClient } from '@safe-checkout/db';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { SERVER_PROBLEMS } from '../openapi/problem-groups';
import { HealthCheckResponse } from '../openapi/responses/health.response';

/** Liveness plus database reachability: 200 when both are up, 503 otherwise. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly prismaIndicator: PrismaHealthIndicator,
    @Inject(PrismaClient) private readonly prisma: PrismaClient,
  ) {}

  @Get()
  // Terminus would document its own result body for the 503; the problem filter answers a problem (ApiProblems).
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ operationId: 'checkHealth', summary: 'Whether the API and its database are up' })
  @ApiOkResponse({ type: HealthCheckResponse })
  @ApiProblems(SERVER_PROBLEMS)
  check(): Promise<HealthCheckResult> {
    return this.health.check([() => this.prismaIndicator.pingCheck('database', this.prisma, { timeout: 2000 })]);
  }
}
