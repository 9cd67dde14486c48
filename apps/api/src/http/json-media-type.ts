import { ProblemException } from '../problems/problem.exception';

// application/json, or a structured-syntax suffix type such as application/problem+json (RFC 6839).
const JSON_ESSENCE = /^application\/(?:[\w!#$&^.+-]+\+)?json$/;
const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);

/**
 * Accepts a request `Content-Type` only when it is JSON in UTF-8: `application/json` or
 * `application/*+json`, with no charset or `charset=utf-8` (RFC 8259 §8.1: JSON exchanged between
 * systems is UTF-8). Type, subtype and charset are case-insensitive; other parameters are ignored.
 *
 * @throws ProblemException `unsupported-media-type` (415), also when the header is missing
 */
export function assertJsonMediaType(contentType: string | undefined): void {
  if (contentType === undefined || contentType.trim() === '') {
    throw new ProblemException('unsupported-media-type', 'The request has a body but no Content-Type; send it as application/json.');
  }
  const [essence, ...parameters] = contentType.split(';').map((part) => part.trim());
  const charset = parameters
    .map((parameter) => parameter.split('='))
    .find(([name]) => name.trim().toLowerCase() === 'charset')?.[1]
    ?.trim()
    .replace(/^"(.*)"$/, '$1')
    .toLowerCase();
  if (!JSON_ESSENCE.test(essence.toLowerCase()) || (charset !== undefined && !UTF8_CHARSETS.has(charset))) {
    throw new ProblemException(
      'unsupported-media-type',
      `Content-Type ${JSON.stringify(contentType.slice(0, 100))} is not accepted; send the body as application/json in UTF-8.`,
    );
  }
}
