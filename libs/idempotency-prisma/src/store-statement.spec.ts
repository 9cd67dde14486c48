import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { fingerprintRequest } from '@safe-checkout/idempotency';
import { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';
import { runStatement } from './store-statement';

// On node-postgres the store's statements are named, so that each connection parses and plans
// them once: what PostgreSQL spent most on was planning them anew (docs/benchmarks.md).
describe('runStatement on node-postgres', () => {
  let connection: Client;
  beforeAll(async () => {
    connection = new Client({ connectionString: testDatabaseUrl() });
    await connection.connect();
  });
  afterAll(() => connection.end());

  const preparedOnThisConnection = async () =>
    (await connection.query<{ name: string; statement: string }>('SELECT name, statement FROM pg_prepared_statements ORDER BY name')).rows;

  it('prepares a statement once on a connection and runs it prepared from then on', async () => {
    const text = 'SELECT $1::int + 1 AS next';
    expect(await runStatement<{ next: number }>(connection, text, [1])).toEqual([{ next: 2 }]);
    expect(await runStatement<{ next: number }>(connection, text, [41])).toEqual([{ next: 42 }]);
    expect((await preparedOnThisConnection()).filter((prepared) => prepared.statement === text)).toEqual([
      { name: expect.stringMatching(/^idempotency_keys_[0-9a-f]{16}$/), statement: text },
    ]);
  });

  it('gives every text a name of its own, so two statements never collide on one connection', async () => {
    await runStatement(connection, 'SELECT $1::text AS a', ['x']);
    await runStatement(connection, 'SELECT $1::text AS b', ['y']);
    const names = (await preparedOnThisConnection()).map((prepared) => prepared.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it("runs the store's claim, completion and replay as prepared statements on the pool's connections", async () => {
    const store = new PrismaIdempotencyKeyStore(connection, { pool: connection, currentConnection: () => connection });
    const claim = {
      scope: randomUUID(),
      key: randomUUID(),
      fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: {} }),
      leaseMs: 30_000,
      ttlMs: 86_400_000,
    };
    const claimed = await store.claim(claim);
    if (claimed.outcome !== 'claimed') throw new Error(claimed.outcome);
    await store.complete(claimed.lease, { status: 201, headers: {}, body: '{}' });
    await expect(store.claim(claim)).resolves.toEqual({ outcome: 'replay', response: { status: 201, headers: {}, body: '{}' } });
    const prepared = (await preparedOnThisConnection()).map((row) => row.statement);
    expect(prepared.some((statement) => statement.includes('INSERT INTO idempotency_keys'))).toBe(true);
    expect(prepared.some((statement) => statement.includes("SET state = 'completed'"))).toBe(true);
  });
});
