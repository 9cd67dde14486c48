import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';

/**
 * Copies the workspace at `root` into the empty folder `into` as a fresh clone would have it: the
 * files git tracks, plus new files not ignored yet, as they are in the working tree (uncommitted
 * changes included). Build output, caches, node_modules and .data stay behind (.gitignore).
 */
export function copyWorkspaceFiles(root: string, into: string): number {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf-8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = [...new Set(listed.split('\0').filter(Boolean))].filter((file) => existsSync(path.join(root, file)));
  for (const file of files) {
    const from = path.join(root, file);
    mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    // A tracked symbolic link stays one, as git checks it out.
    if (lstatSync(from).isSymbolicLink()) symlinkSync(readlinkSync(from), path.join(into, file));
    else copyFileSync(from, path.join(into, file));
  }
  return files.length;
}

/**
 * Gives the copy at `copy` the packages installed at `root` without installing them again (a cold
 * `npm ci` is ~1 GB and a minute or more): node_modules in the copy is a real folder of links to
 * root's packages, except npm's workspace links (`@safe-checkout/*`), which are made again with the
 * same relative targets so that they resolve to the copy's own apps and libs. Linking node_modules
 * as a whole would not: Node follows a link to its real path, so `@safe-checkout/db` would be
 * root's, with root's Prisma client and builds. Nested node_modules of workspace packages (a
 * version that could not be hoisted) are linked as a whole.
 */
export function linkInstalledPackages(root: string, copy: string, workspaceScope = '@safe-checkout'): void {
  const source = path.join(root, 'node_modules');
  const target = path.join(copy, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    if (entry === workspaceScope) copyLinks(path.join(source, entry), path.join(target, entry));
    else if (entry !== '.cache') symlinkSync(path.join(source, entry), path.join(target, entry));
  }
  for (const packageJson of execFileSync('git', ['ls-files', '*package.json'], { cwd: root, encoding: 'utf-8' }).split('\n')) {
    const nested = path.join(root, path.dirname(packageJson), 'node_modules');
    if (packageJson && path.dirname(packageJson) !== '.' && existsSync(nested)) symlinkSync(nested, path.join(copy, path.dirname(packageJson), 'node_modules'));
  }
}

function copyLinks(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    const link = path.join(from, entry);
    if (!lstatSync(link).isSymbolicLink()) throw new Error(`${link} is not npm's workspace link: run npm ci in ${path.dirname(path.dirname(from))}.`);
    const relativeTarget = readlinkSync(link);
    if (path.isAbsolute(relativeTarget)) throw new Error(`${link} links to an absolute path (${relativeTarget}): it would not resolve into the copy.`);
    symlinkSync(relativeTarget, path.join(to, entry));
  }
}
