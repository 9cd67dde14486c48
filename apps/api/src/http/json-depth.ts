import { ProblemException } from '../problems/problem.exception';
import { MAX_JSON_DEPTH } from './json-body-policy';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x7b, 0x5b]); // { [
const CLOSERS = new Set([0x7d, 0x5d]); // } ]

/**
 * Rejects JSON text that nests objects and arrays deeper than `maxDepth`, without parsing it:
 * one pass over the characters with no recursion, so it is safe on any input. Brackets inside
 * strings (including after escaped quotes) do not count. For valid JSON the count is the true
 * nesting depth; invalid JSON is left for `JSON.parse` to reject.
 *
 * @param maxDepth default {@link MAX_JSON_DEPTH}
 * @throws ProblemException `json-too-deep` (400), with `maxDepth`
 * @example
 * assertJsonDepth('{"items":[{}]}'); // depth 3: passes
 */
export function assertJsonDepth(text: string, maxDepth = MAX_JSON_DEPTH): void {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (escaped) escaped = false;
      else if (char === BACKSLASH) escaped = true;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) {
      inString = true;
    } else if (OPENERS.has(char)) {
      if (++depth > maxDepth) {
        throw new ProblemException('json-too-deep', `The body nests objects and arrays more than ${maxDepth} levels deep (character ${index}).`, { maxDepth });
      }
    } else if (CLOSERS.has(char)) {
      depth--;
    }
  }
}
