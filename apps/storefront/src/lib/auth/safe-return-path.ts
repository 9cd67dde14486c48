/** Where a sign-in goes when its `next` parameter is missing or refused: the shop's front page. */
export const DEFAULT_RETURN_PATH = '/';

// Percent-decoding rounds before giving up: `%25` hides one more layer each time. Three layers
// are far more than any link this shop makes; deeper nesting is refused, not decoded further.
const MAX_DECODE_ROUNDS = 3;

// C0 controls (tab, CR, LF, NUL…), DEL and C1 controls. The URL parser silently removes tab, CR
// and LF inside a URL, so to a browser `/\t/evil.example` is `//evil.example`.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

// An `@` in the path (not the query): harmless to `new URL`, but `/@evil.example` becomes
// user-info wherever a URL is rebuilt by joining strings (`${origin}${path.slice(1)}`). No route of
// the shop has one, so it is refused.
const USER_INFO_IN_PATH = /^[^?#]*@/;

/**
 * The path of this storefront that `target` (a sign-in's untrusted `next`) names, else `fallback`,
 * so that a sign-in never becomes an open redirect. Decided the way the browser will: resolved
 * against `storefrontOrigin` and accepted only if it keeps that origin; before that, anything a
 * browser or a later decoding could turn into another host is refused outright (not a path, a
 * backslash: browsers read `/\evil.example` as `//evil.example`, control characters, whitespace, an
 * `@` before the query), also percent-encoded in up to three layers. What comes back is the resolved
 * URL's own path, query and fragment, never the raw text, and never one starting `//`.
 *
 * @example
 * safeReturnPath('/%5Cevil.example', 'http://localhost:4200'); // '/'
 */
export function safeReturnPath(target: unknown, storefrontOrigin: string, fallback = DEFAULT_RETURN_PATH): string {
  if (typeof target !== 'string' || !target.startsWith('/')) return fallback;
  if (/\s/.test(target)) return fallback;
  const origin = new URL(storefrontOrigin).origin;
  const layers = decodedLayers(target);
  if (layers === null) return fallback;
  for (const layer of layers) {
    if (layer.includes('\\') || CONTROL_CHARACTERS.test(layer) || USER_INFO_IN_PATH.test(layer)) return fallback;
    if (!staysOn(layer, origin)) return fallback;
  }
  const resolved = new URL(target, origin);
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  return path.startsWith('//') ? fallback : path;
}

/** `text` and each percent-decoding of it until nothing changes; `null` if that takes too many rounds or the encoding is broken. */
function decodedLayers(text: string): string[] | null {
  const layers = [text];
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round++) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(layers[layers.length - 1]);
    } catch {
      return null;
    }
    if (decoded === layers[layers.length - 1]) return layers;
    layers.push(decoded);
  }
  return null;
}

// Whether `layer`, were a browser or a server to treat it as the URL, would stay on `origin`.
function staysOn(layer: string, origin: string): boolean {
  let url: URL;
  try {
    url = new URL(layer, origin);
  } catch {
    return false;
  }
  return url.origin === origin && !layer.startsWith('//');
}
