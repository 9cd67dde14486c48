import type { IncomingMessage, ServerResponse } from 'node:http';
import { ProblemException } from '../problems/problem.exception';

/**
 * Refuses a body whose `Content-Length` announces more than `limitBytes`, before a byte of it is
 * read: 413 `payload-too-large` at once, and the connection is closed after the answer, because
 * the unread body would otherwise be read (and thrown away) to reuse it. body-parser also checks
 * the announced length, but it waits for the whole body to arrive before it answers
 * (300 s for `Content-Length: 200000` with 10 bytes sent).
 *
 * The announced length is of the encoded body; the limit is on the decoded body. JSON compresses,
 * so an encoded body over the limit would decode to more than the limit too.
 */
export function assertAnnouncedLengthWithin(request: IncomingMessage, response: ServerResponse, limitBytes: number): void {
  const announced = Number(request.headers['content-length']);
  if (!(announced > limitBytes)) return;
  response.setHeader('Connection', 'close');
  throw new ProblemException('payload-too-large', `The body announces ${announced} bytes (Content-Length); at most ${limitBytes} are accepted.`);
}
