import { ProblemException } from '../problems/problem.exception';
import { ACCEPTED_CONTENT_ENCODINGS } from './json-body-policy';

export type AcceptedContentEncoding = (typeof ACCEPTED_CONTENT_ENCODINGS)[number] | 'identity';

// RFC 9110 §8.4.1.3: a recipient SHOULD treat "x-gzip" as "gzip".
const ALIASES: Readonly<Record<string, AcceptedContentEncoding>> = { 'x-gzip': 'gzip' };

/**
 * The canonical name of a request's `Content-Encoding`, when it is one the API decodes:
 * `identity` (also for a missing or empty header) or one of {@link ACCEPTED_CONTENT_ENCODINGS}.
 * Names are case-insensitive. Whether the body really decodes is found out while reading it.
 *
 * @throws ProblemException `unsupported-content-encoding` (415) with an `Accept-Encoding` header
 *   listing what is accepted (RFC 9110 §12.5.3), for any other coding or a list of codings
 */
export function acceptedContentEncoding(header: string | undefined): AcceptedContentEncoding {
  const name = (header ?? '').trim().toLowerCase() || 'identity';
  if (name === 'identity' || (ACCEPTED_CONTENT_ENCODINGS as readonly string[]).includes(name)) return name as AcceptedContentEncoding;
  if (Object.hasOwn(ALIASES, name)) return ALIASES[name];
  throw new ProblemException(
    'unsupported-content-encoding',
    `Content-Encoding ${JSON.stringify((header ?? '').slice(0, 100))} is not accepted; send the body uncompressed or as one of ${ACCEPTED_CONTENT_ENCODINGS.join(', ')}.`,
    {},
    { 'Accept-Encoding': ACCEPTED_CONTENT_ENCODINGS.join(', ') },
  );
}
