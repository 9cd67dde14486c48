import { ProblemException } from '../problems/problem.exception';
import { acceptedContentEncoding } from './content-encoding';

describe('acceptedContentEncoding(header)', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['identity', 'identity'],
    ['gzip', 'gzip'],
    ['GZIP', 'gzip'],
    ['x-gzip', 'gzip'],
    ['deflate', 'deflate'],
    [' br ', 'br'],
  ])('reads %j as %s', (header, expected) => {
    expect(acceptedContentEncoding(header)).toBe(expected);
  });

  it.each(['zstd', 'compress', 'x-compress', 'gzip, br', 'identity, gzip', 'toString', '__proto__'])(
    'throws unsupported-content-encoding (415) with Accept-Encoding for %s',
    (header) => {
      try {
        acceptedContentEncoding(header);
        throw new Error('expected a ProblemException');
      } catch (error) {
        const problem = error as ProblemException;
        expect({ slug: problem.slug, status: problem.getStatus(), headers: problem.headers }).toEqual({
          slug: 'unsupported-content-encoding',
          status: 415,
          headers: { 'Accept-Encoding': 'gzip, deflate, br', 'Problem-Outcome': 'final' },
        });
      }
    },
  );
});
