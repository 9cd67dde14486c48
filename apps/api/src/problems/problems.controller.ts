import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { PROBLEM_REGISTRY } from './problem-registry';
import { ProblemException } from './problem.exception';

/** Serves the human explanation behind each problem `type` URI (RFC 9457 §3.1.1). */
@ApiExcludeController()
@Public()
@Controller('problems')
export class ProblemsController {
  @Get(':slug')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  explain(@Param('slug') slug: string): string {
    const kind = Object.hasOwn(PROBLEM_REGISTRY, slug) ? PROBLEM_REGISTRY[slug] : undefined;
    if (!kind) throw new ProblemException('not-found', `There is no problem type "${slug}".`);
    return `${kind.title} (HTTP ${kind.status})\n\n${kind.explanation}\n`;
  }
}
