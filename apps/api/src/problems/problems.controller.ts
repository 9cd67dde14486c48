import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { PROBLEM_REGISTRY } from './problem-registry';
import { ProblemException } from './problem.exception';

const EXPLANATION_CONTENT_TYPE = 'text/plain; charset=utf-8';

/** Serves the human explanation behind each problem `type` URI (RFC 9457 §3.1.1). */
@ApiTags('problems')
@Public()
@Controller('problems')
export class ProblemsController {
  @Get(':slug')
  @Header('Content-Type', EXPLANATION_CONTENT_TYPE)
  @ApiOperation({ operationId: 'explainProblem', summary: 'What a problem `type` means and what to do about it' })
  @ApiParam({ name: 'slug', enum: Object.keys(PROBLEM_REGISTRY), description: 'The last segment of a problem `type`.' })
  @ApiOkResponse({ description: 'Title, status and explanation, for a human.', content: { [EXPLANATION_CONTENT_TYPE]: { schema: { type: 'string' } } } })
  @ApiProblems('not-found')
  explain(@Param('slug') slug: string): string {
    const kind = Object.hasOwn(PROBLEM_REGISTRY, slug) ? PROBLEM_REGISTRY[slug] : undefined;
    if (!kind) throw new ProblemException('not-found', `There is no problem type "${slug}".`);
    return `${kind.title} (HTTP ${kind.status}, Problem-Outcome: ${kind.outcome})\n\n${kind.explanation}\n`;
  }
}
