import { HttpException } from '@nestjs/common';
import { ProblemException } from '../problems/problem.exception';

/** What body-parser's reader (raw-body, zlib) puts on the errors it passes on. */
interface BodyReadError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/**
 * Maps a failure to read a request body to its problem: too large after decoding (413), shorter
 * than its Content-Length or aborted, or not decodable as its Content-Encoding (400
 * `malformed-body`). Anything else, including problems raised earlier, passes through unchanged.
 *
 * @param contentEncoding the canonical Content-Encoding the body was read with
 */
export function toBodyReadProblem(error: unknown, contentEncoding: string): unknown {
  if (error instanceof HttpException || typeof error !== 'object' || error === null) return error;
  const { type, status, limit, message } = error as BodyReadError;
  switch (type) {
    case 'entity.too.large':
      return new ProblemException('payload-too-large', `The body is larger than ${limit} bytes once decoded.`);
    case 'request.size.invalid':
      return new ProblemException('malformed-body', 'The body is not as long as its Content-Length says.');
    case 'request.aborted':
      return new ProblemException('malformed-body', 'The request was aborted before its body was complete.');
  }
  // body-parser passes a failure of the decompression stream (zlib) on as a 400 with no `type`.
  if (status === 400 && type === undefined && contentEncoding !== 'identity') {
    return new ProblemException('malformed-body', `The body does not decode as Content-Encoding ${contentEncoding} says it should (${message}).`);
  }
  return error;
}
