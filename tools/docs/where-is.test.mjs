// `nx run @safe-checkout/docs:test` (part of `npm test`): docs/where-is.md points at real code.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readWhereIsTable, whereIsProblem } from './where-is-table.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(path.join(ROOT, file), 'utf8');

describe('docs/where-is.md', () => {
  const { rows, malformed } = readWhereIsTable(read('docs/where-is.md'));

  it('is a table of behaviour, file and symbol on every row', () => {
    assert.deepEqual(malformed, []);
    assert.ok(rows.length >= 40, `only ${rows.length} rows`);
  });

  it('names, for every behaviour, a file that exists and holds its symbol', () => {
    assert.deepEqual(rows.map((row) => whereIsProblem(row, ROOT)).filter(Boolean), []);
  });

  it('lists each behaviour once', () => {
    const behaviours = rows.map((row) => row.behaviour);
    assert.deepEqual(
      behaviours.filter((b, i) => behaviours.indexOf(b) !== i),
      [],
    );
  });

  it('is linked from the README', () => {
    assert.match(read('README.md'), /\]\(docs\/where-is\.md\)/);
  });
});

describe('readWhereIsTable(markdown) and whereIsProblem(row, root)', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'where-is-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'src'));
  writeFileSync(path.join(root, 'src/claim.ts'), 'export function decideOnClaim() {}\nconst decideOnClaimLater = 1;\n');
  const table = (...lines) => ['| Behaviour | File | Symbol |', '| --- | --- | --- |', ...lines].join('\n');

  it('reads the rows and skips the header and separator', () => {
    const { rows, malformed } = readWhereIsTable(table('| Claim | `src/claim.ts` | `decideOnClaim` |'));
    assert.deepEqual(rows, [{ behaviour: 'Claim', file: 'src/claim.ts', symbol: 'decideOnClaim' }]);
    assert.deepEqual(malformed, []);
  });

  it('reports a row without a backticked file and symbol as malformed', () => {
    assert.deepEqual(readWhereIsTable(table('| Claim | src/claim.ts | decideOnClaim |')).malformed, ['| Claim | src/claim.ts | decideOnClaim |']);
  });

  it('accepts a file that names the symbol', () => {
    assert.equal(whereIsProblem({ behaviour: 'Claim', file: 'src/claim.ts', symbol: 'decideOnClaim' }, root), undefined);
  });

  it('reports a missing file, a symbol the file does not name as a whole word, and a path outside the workspace', () => {
    assert.equal(whereIsProblem({ file: 'src/gone.ts', symbol: 'decideOnClaim' }, root), 'src/gone.ts does not exist');
    assert.equal(whereIsProblem({ file: 'src', symbol: 'decideOnClaim' }, root), 'src is not a file');
    assert.equal(whereIsProblem({ file: 'src/claim.ts', symbol: 'decideOn' }, root), 'src/claim.ts does not name decideOn');
    assert.equal(whereIsProblem({ file: '../claim.ts', symbol: 'decideOnClaim' }, root), '../claim.ts is not a path inside the workspace');
  });

  it('refuses a table longer than a reader scans', () => {
    const many = Array.from({ length: 201 }, (_, i) => `| Row ${i} | \`src/claim.ts\` | \`decideOnClaim\` |`);
    assert.throws(() => readWhereIsTable(table(...many)), RangeError);
  });
});
