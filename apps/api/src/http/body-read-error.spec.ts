import { BadRequestException } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception';
import { toBodyReadProblem } from './body-read-error';

const slugOf = (mapped: unknown) => (mapped instanceof ProblemException ? mapped.slug : mapped);

describe('toBodyReadProblem(error, contentEncoding)', () => {
  it('maps a body over the limit to 413 payload-too-large, naming the limit', () => {
    const mapped = toBodyReadProblem({ type: 'entity.too.large', status: 413, limit: 102400 }, 'gzip') as ProblemException;
    expect({ slug: mapped.slug, detail: mapped.problem.detail }).toEqual({ slug: 'payload-too-large', detail: expect.stringContaining('102400') });
  });

  it.each(['request.size.invalid', 'request.aborted'])('maps %s to 400 malformed-body', (type) => {
    expect(slugOf(toBodyReadProblem({ type, status: 400 }, 'identity'))).toBe('malformed-body');
  });

  it('maps a decompression failure (a 400 without type) to 400 malformed-body', () => {
    const zlibError = Object.assign(new Error('incorrect header check'), { code: 'Z_DATA_ERROR', status: 400 });
    expect(slugOf(toBodyReadProblem(zlibError, 'gzip'))).toBe('malformed-body');
  });

  it('passes problems and other HTTP errors through unchanged', () => {
    const problem = new ProblemException('unsupported-media-type', 'x');
    const badRequest = new BadRequestException('x');
    expect(toBodyReadProblem(problem, 'gzip')).toBe(problem);
    expect(toBodyReadProblem(badRequest, 'gzip')).toBe(badRequest);
  });

  it('passes unexpected errors through unchanged (they stay 500s)', () => {
    const bug = Object.assign(new Error('stream encoding should not be set'), { type: 'stream.encoding.set', status: 500 });
    expect(toBodyReadProblem(bug, 'identity')).toBe(bug);
  });
});
