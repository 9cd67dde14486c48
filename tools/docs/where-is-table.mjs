// Reads docs/where-is.md: each behaviour of the contract and the one file (and symbol) holding it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** More rows than this is no longer a table a reader scans; the check refuses it. */
export const MAX_WHERE_IS_ROWS = 200;

const ROW = /^\|\s*(?<behaviour>[^|]+?)\s*\|\s*`(?<file>[^`]+)`\s*\|\s*`(?<symbol>[^`]+)`\s*\|\s*$/;

/**
 * The table rows of `markdown`: `| behaviour | \`file\` | \`symbol\` |`. Header and separator rows
 * do not match and are skipped; any other line starting with `|` is a malformed row.
 * @returns the rows, and the lines that look like rows but are not of that shape.
 */
export function readWhereIsTable(markdown) {
  const rows = [];
  const malformed = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|') || /^\|\s*(Behaviour|-+)\s*\|/.test(line)) continue;
    const match = ROW.exec(line);
    if (match) rows.push({ ...match.groups });
    else malformed.push(line);
  }
  if (rows.length > MAX_WHERE_IS_ROWS) throw new RangeError(`docs/where-is.md has ${rows.length} rows, more than ${MAX_WHERE_IS_ROWS}`);
  return { rows, malformed };
}

/**
 * What is wrong with `row` in the workspace at `root`: its file is missing, or does not name its
 * symbol as a whole word. `undefined` when the row holds.
 */
export function whereIsProblem(row, root) {
  const file = path.join(root, row.file);
  if (path.isAbsolute(row.file) || row.file.split('/').includes('..')) return `${row.file} is not a path inside the workspace`;
  if (!existsSync(file)) return `${row.file} does not exist`;
  if (!statSync(file).isFile()) return `${row.file} is not a file`;
  const symbol = new RegExp(`(?<![\\w$])${row.symbol.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w$])`);
  if (!symbol.test(readFileSync(file, 'utf8'))) return `${row.file} does not name ${row.symbol}`;
  return undefined;
}
