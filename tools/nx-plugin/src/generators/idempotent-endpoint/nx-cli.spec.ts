import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nxCliPath } from './nx-cli';

const WORKSPACE_ROOT = path.resolve(__dirname, '../../../../..');

describe('nxCliPath(root)', () => {
  it("finds this workspace's Nx CLI where npm's bin link points", () => {
    const cli = nxCliPath(WORKSPACE_ROOT);
    expect(existsSync(cli)).toBe(true);
    expect(realpathSync(cli)).toBe(realpathSync(path.join(WORKSPACE_ROOT, 'node_modules/.bin/nx')));
  });

  describe('in a workspace whose nx package declares its bin elsewhere', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(tmpdir(), 'nx-cli-'));
      mkdirSync(path.join(root, 'node_modules/nx'), { recursive: true });
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));
    const installNx = (manifest: object) => writeFileSync(path.join(root, 'node_modules/nx/package.json'), JSON.stringify({ name: 'nx', ...manifest }));

    it('follows the "nx" entry of the bin field', () => {
      installNx({ bin: { nx: './somewhere/else/cli.js', 'nx-cloud': './cloud.js' } });
      expect(nxCliPath(root)).toBe(path.join(realpathSync(root), 'node_modules/nx/somewhere/else/cli.js'));
    });

    it('takes a bin given as a single path', () => {
      installNx({ bin: './cli.js' });
      expect(nxCliPath(root)).toBe(path.join(realpathSync(root), 'node_modules/nx/cli.js'));
    });

    it('says so when the package has no nx bin', () => {
      installNx({});
      expect(() => nxCliPath(root)).toThrow(/declares no "nx" bin/);
    });
  });
});
