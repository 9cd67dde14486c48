import { ProblemException } from '../problems/problem.exception';

// In Unicode mode a well-formed surrogate pair is one code point (not in Cs); only a lone
// surrogate matches. Same answer as String.prototype.isWellFormed (ES2024, beyond our lib).
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Rejects parsed JSON the API cannot handle or store faithfully, anywhere in it (member names
 * included): numbers outside the double range (`1e400` parses to Infinity, which no JSON
 * serialiser can write back), NUL characters (PostgreSQL text cannot store them) and lone UTF-16
 * surrogates (`"\ud800"`, stored as U+FFFD, so an identical repeat would look like a change).
 *
 * Walks with an explicit stack, never recursing, so it is safe even before depth is bounded.
 * Reports the first offender in member order (document order, except that objects list
 * integer-like names first), with its RFC 6901 JSON pointer as `pointer`.
 *
 * Member names `__proto__`, `constructor` and `prototype` are refused too (400 validation-failed).
 *
 * @throws ProblemException `json-number-out-of-range`, `json-nul-character`, `ill-formed-unicode` or `validation-failed` (all 400)
 */
export function assertStorableJson(root: unknown): void {
  // memberName: set for object members, whose names are checked when the member is reached.
  const pending: { value: unknown; pointer: string; memberName?: string }[] = [{ value: root, pointer: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, pointer, memberName } = next;
    if (memberName !== undefined) {
      assertStorableText(memberName, pointer, 'The member name');
      assertOrdinaryMemberName(memberName, pointer);
    }
    if (typeof value === 'number') assertFinite(value, pointer);
    else if (typeof value === 'string') assertStorableText(value, pointer, 'The value');
    else if (typeof value === 'object' && value !== null) {
      const isArray = Array.isArray(value);
      const members: [string, unknown][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value);
      // Pushed last to first, so that members are checked first to last.
      for (let index = members.length - 1; index >= 0; index--) {
        const [name, item] = members[index];
        pending.push({ value: item, pointer: `${pointer}/${escapePointerToken(name)}`, memberName: isArray ? undefined : name });
      }
    }
  }
}

// JSON.parse makes "__proto__" an own property, which class-transformer then drops silently: the
// request would pass `forbidNonWhitelisted` with a member no route declares (and carry a prototype
// pollution attempt to whatever merges the body). No route of this API has such a member.
const PROTOTYPE_MEMBERS = new Set(['__proto__', 'constructor', 'prototype']);

function assertOrdinaryMemberName(name: string, pointer: string): void {
  if (!PROTOTYPE_MEMBERS.has(name)) return;
  throw new ProblemException('validation-failed', `The member name at ${shown(pointer)} is not allowed in a request body.`, {
    errors: [{ field: pointer.slice(1).replace(/\//g, '.'), messages: [`${name} is not a property of any request body`] }],
    errorCount: 1,
  });
}

function assertFinite(value: number, pointer: string): void {
  if (Number.isFinite(value)) return;
  throw new ProblemException('json-number-out-of-range', `The number at ${shown(pointer)} is too large for a 64-bit floating-point number.`, { pointer });
}

function assertStorableText(text: string, pointer: string, what: string): void {
  if (text.includes('\u0000')) {
    throw new ProblemException('json-nul-character', `${what} at ${shown(pointer)} contains the NUL character (\\u0000).`, { pointer });
  }
  if (LONE_SURROGATE.test(text)) {
    throw new ProblemException('ill-formed-unicode', `${what} at ${shown(pointer)} contains a lone UTF-16 surrogate (such as \\ud800 without its pair).`, {
      pointer,
    });
  }
}

// RFC 6901 §3: "~" is written "~0" and "/" is written "~1" inside a reference token.
function escapePointerToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

// The pointer may hold the very characters being rejected; JSON string escapes keep the detail readable.
function shown(pointer: string): string {
  return pointer === '' ? 'the top level' : JSON.stringify(pointer);
}
