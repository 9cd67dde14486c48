/** 32 bytes = 256 bits, the output size of HS256's hash (RFC 7518 §3.2 requires a key at least that long). */
export const MIN_PRODUCTION_JWT_SECRET_BYTES = 32;

/**
 * Fewest distinct characters a production secret may have. Chosen so that every usual generator
 * passes with room to spare (`openssl rand -hex 32`: 64 characters out of 16, almost always all
 * 16; `-base64 48`: about 40) while a typed pattern (`aaaa…`, `1212…`, `password…`) does not.
 */
export const MIN_PRODUCTION_JWT_SECRET_DISTINCT_CHARACTERS = 10;

/**
 * Why `secret` is too weak to sign production tokens, or `undefined` when it is acceptable.
 * Length alone is not enough: 32 spaces are 32 bytes. The rule, in order:
 * 1. at least {@link MIN_PRODUCTION_JWT_SECRET_BYTES} bytes of UTF-8;
 * 2. not only whitespace;
 * 3. at least {@link MIN_PRODUCTION_JWT_SECRET_DISTINCT_CHARACTERS} distinct characters;
 * 4. not a repetition of a shorter unit (`abcdefghijk` three times is as guessable as once).
 *
 * The reason never contains the secret itself: it ends up in logs.
 */
export function weakJwtSecretReason(secret: string): string | undefined {
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_PRODUCTION_JWT_SECRET_BYTES) return `must be at least ${MIN_PRODUCTION_JWT_SECRET_BYTES} bytes (got ${bytes})`;
  if (secret.trim() === '') return 'must not be only whitespace';
  const characters = Array.from(secret);
  const distinct = new Set(characters).size;
  if (distinct < MIN_PRODUCTION_JWT_SECRET_DISTINCT_CHARACTERS) {
    return `must have at least ${MIN_PRODUCTION_JWT_SECRET_DISTINCT_CHARACTERS} distinct characters (got ${distinct}): use a random value`;
  }
  const period = smallestPeriod(characters);
  if (period * 2 <= characters.length) return `must not repeat a shorter pattern (it repeats every ${period} characters): use a random value`;
  return undefined;
}

// The smallest p such that s[i] === s[i + p] for every i (Knuth–Morris–Pratt failure function).
function smallestPeriod(s: readonly string[]): number {
  const border = new Array<number>(s.length).fill(0);
  for (let i = 1, k = 0; i < s.length; i++) {
    while (k > 0 && s[i] !== s[k]) k = border[k - 1];
    if (s[i] === s[k]) k++;
    border[i] = k;
  }
  return s.length - (border[s.length - 1] ?? 0);
}
