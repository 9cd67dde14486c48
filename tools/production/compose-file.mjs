// docker-compose.yml without a Docker engine: parsed, checked against the Compose Specification's
// JSON schema, and its variables and env files resolved the way Compose resolves them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
// Both come with ESLint, a root devDependency: js-yaml 4, and ajv 6, which speaks the schema's draft-07.
const yaml = require('js-yaml');
const Ajv = require('ajv');

/** The repository's root folder. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The compose-spec's schema as dclint 3.1.0 ships it (schemas/compose.schema.json), unchanged. */
export const COMPOSE_SCHEMA_PATH = path.join(ROOT, 'tools/production/compose-spec.schema.json');

/** Reads and parses a Compose file. */
export function readComposeFile(file = path.join(ROOT, 'docker-compose.yml')) {
  return { file, model: yaml.load(readFileSync(file, 'utf8')) };
}

/** The schema's complaints about `model`, one line each; empty when it follows the specification. */
export function schemaErrors(model) {
  validate ??= compileSchema();
  if (validate(model)) return [];
  return validate.errors.map(
    (error) =>
      `${error.dataPath ?? error.instancePath ?? '/'} ${error.message}${error.params?.additionalProperty ? `: ${error.params.additionalProperty}` : ''}`,
  );
}

let validate;

function compileSchema() {
  const schema = JSON.parse(readFileSync(COMPOSE_SCHEMA_PATH, 'utf8'));
  // The schema names draft-07 by its https address, which ajv 6 does not know: it is draft-07.
  delete schema.$schema;
  // Options of ajv 6 and of ajv 8 alike, whichever npm hoists: no strict mode, formats unchecked.
  return new Ajv({ allErrors: true, strict: false, validateFormats: false, jsonPointers: true, unknownFormats: 'ignore', logger: false }).compile(schema);
}

/** The services Compose starts for `profiles`: those without a profile, and those with one of them. */
export function enabledServices(model, profiles = []) {
  return Object.entries(model.services).filter(([, service]) => !service.profiles || service.profiles.some((p) => profiles.includes(p)));
}

/** A service's env files (short or long syntax), as paths relative to the repository root. */
export function envFilesOf(service) {
  const entries = service.env_file === undefined ? [] : [service.env_file].flat();
  return entries.map((entry) => (typeof entry === 'string' ? entry : entry.path));
}

/**
 * Compose's variable syntax, the subset this repository uses: `$$`, `$NAME`, `${NAME}`,
 * `${NAME:-default}`, `${NAME-default}`, `${NAME:?message}`, `${NAME?message}`. Returns the text
 * with variables replaced and the required variables that were missing.
 *
 * @example
 * interpolate('${JWT_SECRET:?set JWT_SECRET}', {}); // → { text: '', missing: [{ name: 'JWT_SECRET', message: 'set JWT_SECRET' }] }
 */
export function interpolate(text, env) {
  const missing = [];
  const replaced = text.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_]\w*)/g, (match, braced, colon, operator, argument, bare) => {
    if (match === '$$') return '$';
    const name = braced ?? bare;
    const value = env[name];
    const absent = colon ? !value : value === undefined;
    if (!absent) return value;
    if (operator === '-') return argument;
    if (operator === '?') missing.push({ name, message: argument });
    return '';
  });
  return { text: replaced, missing };
}

/** {@link interpolate} over every string value of a parsed Compose file (comments are not values). */
export function interpolateValues(value, env) {
  if (typeof value === 'string') return interpolate(value, env).missing;
  if (value && typeof value === 'object') return Object.values(value).flatMap((inner) => interpolateValues(inner, env));
  return [];
}

/**
 * Reads an env file as Compose does for a starting service: `NAME=value` lines, `#` comments,
 * quotes, and the variable syntax of {@link interpolate} (not inside single quotes), resolved
 * against `env`, the environment of `docker compose`.
 */
export function readEnvFile(file, env) {
  const variables = {};
  const missing = [];
  for (const line of readFileSync(path.resolve(ROOT, file), 'utf8').split('\n')) {
    const assignment = /^\s*(?:export\s+)?([A-Za-z_]\w*)\s*=\s*(.*)$/.exec(line);
    if (!assignment) continue;
    const [, name, raw] = assignment;
    if (/^'.*'$/.test(raw)) {
      variables[name] = raw.slice(1, -1);
      continue;
    }
    const value = /^".*"$/.test(raw) ? raw.slice(1, -1) : raw.split(' #')[0].trim();
    const resolved = interpolate(value, { ...variables, ...env });
    variables[name] = resolved.text;
    missing.push(...resolved.missing);
  }
  return { variables, missing };
}
