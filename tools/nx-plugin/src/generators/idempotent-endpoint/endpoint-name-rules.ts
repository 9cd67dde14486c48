import { names } from '@nx/devkit';
import { pluralOf } from './endpoint-names';

/** A name the generator accepts: lower case letters and digits in words joined by single hyphens, starting with a letter. */
const KEBAB_CASE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Route segments the API or its tooling already answers at the top level (`@Controller(…)` in
 * apps/api/src, Swagger's `/docs`, the test and bench routes). A generated `POST /<plural>` must not
 * shadow them; the tree's own controllers are checked as well (endpoint-collisions.ts).
 */
export const RESERVED_ROUTES: readonly string[] = [
  'auth',
  'bench',
  'docs',
  'health',
  'metrics',
  'orders',
  'payments',
  'problems',
  'products',
  'testing',
  'users',
];

/**
 * Words that cannot be an identifier in strict-mode TypeScript, plus `arguments` and `eval`: a
 * name's camelCase form becomes a property and a constructor parameter (`tx.giftCard`, `giftCards`).
 */
export const JS_RESERVED_WORDS: readonly string[] = [
  ...['arguments', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'eval'],
  ...['export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new'],
  ...['null', 'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof'],
  ...['var', 'void', 'while', 'with', 'yield'],
];

/**
 * PostgreSQL truncates identifiers at 63 bytes; the longest one generated is the index
 * `<table>_user_id_created_at_idx` (23 characters after the table), so a plural stays within 40.
 */
export const MAX_PLURAL_LENGTH = 40;

/**
 * What is wrong with `name` and `plural` as the names of a generated endpoint, one sentence each;
 * empty when they are fine. Checks the words alone: the workspace is checked by endpointCollisions.
 */
export function endpointNameProblems(name: string | undefined, plural?: string): string[] {
  const syntax = [wordProblem('name', name ?? ''), plural === undefined ? undefined : wordProblem('--plural', plural)].filter(isDefined);
  if (syntax.length) return syntax;
  const one = name as string;
  const many = plural ?? pluralOf(one);
  return [
    ...[one, many].filter((word) => RESERVED_ROUTES.includes(word)).map((word) => `"${word}" is one of the API's own routes (/${word}): choose another name.`),
    ...[one, many]
      .filter((word) => JS_RESERVED_WORDS.includes(names(word).propertyName))
      .map((word) => `"${word}" is a reserved word in JavaScript and cannot name the generated properties.`),
    many === one ? `The plural must differ from the name ("${one}"): the module and the model would share a class name.` : undefined,
    many.length > MAX_PLURAL_LENGTH
      ? `The plural "${many}" is longer than ${MAX_PLURAL_LENGTH} characters: its table's index names would not fit PostgreSQL's 63.`
      : undefined,
  ].filter(isDefined);
}

function wordProblem(label: string, word: string): string | undefined {
  if (word.trim() === '') return `The ${label} is empty: give what one POST creates, singular and kebab-case (e.g. gift-card).`;
  if (KEBAB_CASE.test(word)) return undefined;
  // Only for plain words in another case or separator: a guess at anything stranger would mislead.
  const suggestion = /^[A-Za-z][A-Za-z0-9 _-]*$/.test(word)
    ? names(word)
        .fileName.replace(/[ _-]+/g, '-')
        .replace(/-$/, '')
    : '';
  const hint = KEBAB_CASE.test(suggestion) ? ` Did you mean "${suggestion}"?` : '';
  return `The ${label} "${word}" is not kebab-case: use lower case letters a-z, digits and single hyphens, starting with a letter.${hint}`;
}

function isDefined<T>(value: T | undefined | false): value is T {
  return value !== undefined && value !== false;
}
