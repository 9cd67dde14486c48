/** What a redacted secret is replaced with in the logs. */
export const REDACTED = '[redacted]';

// Three (JWS) or five (JWE) base64url segments, the first a JSON header: `{"` encodes as `eyJ`.
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*(?:\.[\w-]*\.[\w-]*)?/g;

// An Authorization header value (RFC 7235 token68) quoted anywhere in free text: an error
// message, a stack. Case-sensitive, so that prose such as "basic checks" is left alone.
const CREDENTIALS = /\b(Bearer|bearer|BEARER|Basic)\s+[\w.~+/-]+=*/g;

// Query parameter names that suggest a secret. Substrings, on purpose: over-redacting a log line
// costs little (`postalCode` is hidden too), a leaked token costs an account.
const SECRET_PARAMETER = /token|passw|pwd|secret|key|auth|code|sig|session|jwt|credential|cookie/i;

// Field names that hold secrets, in any object at any depth of a log line.
const SECRET_FIELD = /passw|secret|token|authorization|cookie|api[-_]?key|credential/i;

// A JSON string member: "name": "value" (value with its escapes). Names with escapes are skipped.
const JSON_STRING_MEMBER = /"([^"\\]*)"(\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/**
 * The URL as it may be logged: the value of every query parameter whose name suggests a secret
 * (`access_token`, `password`, `api_key`, `code`…, case-insensitive, also when percent-encoded)
 * and anything that looks like a JWT, anywhere in the URL, replaced by {@link REDACTED}.
 *
 * @example
 * redactUrl('/orders?access_token=eyJhbGciOi…&page=2'); // '/orders?access_token=[redacted]&page=2'
 */
export function redactUrl(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart < 0) return redactJwts(url);
  const query = url
    .slice(queryStart + 1)
    .split('&')
    .map(redactParameter)
    .join('&');
  return redactJwts(`${url.slice(0, queryStart)}?${query}`);
}

/**
 * A serialised log line with every secret it could still carry replaced by {@link REDACTED}:
 * JWTs and `Bearer`/`Basic` credentials anywhere (messages, stacks, any field), and the string
 * value of every field named like a secret (`password`, `accessToken`, `Authorization`…) at any
 * depth. The last line of defence, after pino's structural `redact` paths.
 */
export function redactLogLine(line: string): string {
  return redactJwts(line)
    .replace(CREDENTIALS, `$1 ${REDACTED}`)
    .replace(JSON_STRING_MEMBER, (member, name: string, colon: string) => (SECRET_FIELD.test(name) ? `"${name}"${colon}"${REDACTED}"` : member));
}

function redactJwts(text: string): string {
  return text.replace(JWT, REDACTED);
}

function redactParameter(parameter: string): string {
  const separator = parameter.indexOf('=');
  if (separator < 0) return parameter;
  const name = parameter.slice(0, separator);
  return SECRET_PARAMETER.test(decodeName(name)) ? `${name}=${REDACTED}` : parameter;
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name;
  }
}
