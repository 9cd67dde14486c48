import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { grantSearchToOthers } from './postgres-user-access';

const modeOf = (dir: string) => statSync(dir).mode & 0o777;

describe('grantSearchToOthers', () => {
  let root: string;
  beforeEach(() => {
    // A private folder like `mktemp -d` makes, with a private folder inside.
    root = mkdtempSync(path.join(tmpdir(), 'sc-access-'));
    mkdirSync(path.join(root, 'clone', '.data'), { recursive: true, mode: 0o700 });
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('adds only the search bit for others on every directory down to the path, and names them', () => {
    const target = path.join(root, 'clone', '.data');
    const changed = grantSearchToOthers([target]);

    expect(changed).toEqual([root, path.join(root, 'clone'), target]);
    for (const dir of changed) expect(modeOf(dir)).toBe(0o701);
  });

  it('changes nothing the second time, and skips what does not exist yet', () => {
    const target = path.join(root, 'clone', '.data', 'postgres');
    grantSearchToOthers([target]);

    expect(grantSearchToOthers([target])).toEqual([]);
  });
});
