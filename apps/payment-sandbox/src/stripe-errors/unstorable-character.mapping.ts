import { invalidRequest, StripeApiError } from './stripe-api.error';

// SQLSTATEs of a value PostgreSQL cannot store: 22021 character_not_in_repertoire (U+0000 in a
// text parameter: "invalid byte sequence for encoding UTF8: 0x00") and 22P05
// untranslatable_character (U+0000 in jsonb: "unsupported Unicode escape sequence").
const UNSTORABLE_CHARACTER_SQLSTATES: ReadonlySet<string> = new Set(['22021', '22P05']);
// A cause chain can be circular; the one to look through is at most three deep.
const MAX_CAUSES = 8;

/**
 * A database refusal of an unstorable character as the client's 400, the last resort behind the
 * edge check (params/storable-text.ts): a parameter that escaped that check is still the
 * request's fault, not the sandbox's, so never a 500. `undefined` for any other error.
 */
export function fromUnstorableCharacter(error: unknown): StripeApiError | undefined {
  if (!sqlStatesOf(error).some((code) => UNSTORABLE_CHARACTER_SQLSTATES.has(code))) return undefined;
  return invalidRequest('Invalid request: a parameter contains a character that cannot be stored (U+0000 or a lone UTF-16 surrogate).');
}

interface ErrorLike {
  code?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

// Prisma keeps the driver adapter's error in `meta.driverAdapterError`, whose `cause` holds the
// SQLSTATE as `originalCode`; node-postgres errors carry it as `code`.
function sqlStatesOf(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < MAX_CAUSES) {
    const next = queue.shift();
    if (typeof next !== 'object' || next === null || seen.has(next)) continue;
    seen.add(next);
    const candidate = next as ErrorLike;
    for (const code of [candidate.code, candidate.originalCode]) if (typeof code === 'string') codes.push(code);
    queue.push(candidate.meta?.driverAdapterError, candidate.cause);
  }
  return codes;
}
