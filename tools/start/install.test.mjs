// `nx run @safe-checkout/start:test` (part of `npm test`): what README "Installing" says about
// `npm install` stays true when a dependency changes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import semver from 'semver';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

// Packages whose own `engines.node` is narrower than the project's claim, and why that is harmless.
const NARROWER_ENGINES = {
  '@prisma/streams-local': 'prisma → @prisma/dev, for `prisma dev` only, which no command of the project runs',
};

/** Every installed package of the lock file with an `engines.node`, as [name, range]. */
function installedEngineRanges() {
  return Object.entries(readJson('package-lock.json').packages)
    .filter(([location, entry]) => location && typeof entry.engines?.node === 'string' && existsSync(path.join(root, location)))
    .map(([location, entry]) => [location.slice(location.lastIndexOf('node_modules/') + 'node_modules/'.length), entry.engines.node]);
}

describe('npm install', () => {
  const claim = readJson('package.json').engines.node;

  it("every installed package runs on every Node.js version package.json's engines claims, but the reviewed exceptions", () => {
    const narrower = installedEngineRanges().filter(([name, range]) => !(name in NARROWER_ENGINES) && !semver.subset(claim, range));
    assert.deepEqual(narrower, [], `narrow "engines.node" (${claim}) to what these need, or review them in NARROWER_ENGINES`);
  });

  it('the reviewed exceptions are still installed and still narrower (else drop them from the list and the README)', () => {
    const ranges = new Map(installedEngineRanges());
    for (const name of Object.keys(NARROWER_ENGINES)) assert.equal(ranges.has(name) && !semver.subset(claim, ranges.get(name)), true, name);
  });

  it('the claim includes the Node.js that runs this test', () => {
    assert.equal(semver.satisfies(process.version, claim), true, `${process.version} is not in ${claim}`);
  });

  it("leaves no dependency's install script unreviewed in allowScripts (npm 11)", () => {
    const listing = spawnSync('npm', ['install-scripts', 'ls'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    assert.equal(listing.status, 0, listing.stderr);
    assert.match(listing.stdout, /^No packages with unreviewed install scripts\.$/m);
  });
});
