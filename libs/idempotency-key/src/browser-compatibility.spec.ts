import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';

// Key syntax is shared by the server and the browser (the retrying client, the storefront): its
// shipped sources may import only structured-headers and each other, and use no Node-only globals.
const shipped = readdirSync(__dirname)
  .filter((name) => name.endsWith('.ts') && !name.endsWith('.spec.ts'))
  .map((name) => ({ name, source: readFileSync(join(__dirname, name), 'utf8') }));
const ALLOWED_PACKAGES = new Set(['structured-headers']);

const importsOf = (source: string) => [...source.matchAll(/from '([^']+)'|require\('([^']+)'\)|import\('([^']+)'\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);

describe('the library sources (what ships to the browser)', () => {
  it('are found by this scan, so the checks below are not vacuous', () => {
    expect(shipped.map((f) => f.name)).toEqual(expect.arrayContaining(['idempotency-key.ts', 'mint-idempotency-key.ts', 'index.ts']));
  });

  it('import nothing but structured-headers and each other (no Node built-in module)', () => {
    const foreign = shipped.flatMap(({ name, source }) =>
      importsOf(source)
        .filter((specifier) => !specifier.startsWith('./') && !ALLOWED_PACKAGES.has(specifier))
        .map((specifier) => `${name}: ${specifier}`),
    );
    expect(foreign).toEqual([]);
    expect(builtinModules).toContain('http'); // what would be caught, e.g. 'http' or 'node:crypto'
  });

  it('use no Node-only global', () => {
    const offenders = shipped.filter(({ source }) => /\b(process|Buffer|__dirname|setImmediate)\b/.test(source));
    expect(offenders.map((f) => f.name)).toEqual([]);
  });
});
