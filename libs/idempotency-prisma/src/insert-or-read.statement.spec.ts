import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { fingerprintRequest, newClaimRecord } from '@safe-checkout/idempotency';
import { insertOrRead } from './insert-or-read.statement';

// The claim's own commit skips the disk flush; the operation's commits, on the same connections,
// must not: the setting is the claim's transaction's alone.
describe('insertOrRead on PostgreSQL', () => {
  let connection: Client;
  beforeAll(async () => {
    connection = new Client({ connectionString: testDatabaseUrl() });
    await connection.connect();
  });
  afterAll(() => connection.end());

  const synchronousCommit = async () => (await connection.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0].synchronous_commit;
  const fresh = () =>
    newClaimRecord(
      {
        scope: randomUUID(),
        key: randomUUID(),
        fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: {} }),
        leaseMs: 30_000,
        ttlMs: 60_000,
      },
      new Date(),
    );

  it('commits the claim without waiting for the disk flush, for its own transaction only', async () => {
    expect(await synchronousCommit()).toBe('on');
    await connection.query('BEGIN');
    await expect(insertOrRead(connection, fresh())).resolves.toBe('inserted');
    expect(await synchronousCommit()).toBe('off');
    await connection.query('ROLLBACK');

    expect(await synchronousCommit()).toBe('on');
    await expect(insertOrRead(connection, fresh())).resolves.toBe('inserted');
    expect(await synchronousCommit()).toBe('on');
  });

  it('reads the row that holds the key, with the same setting, when the key is taken', async () => {
    const record = fresh();
    await insertOrRead(connection, record);
    const read = await insertOrRead(connection, { ...record, leaseToken: randomUUID() });
    expect(read).toMatchObject({ record: { scope: record.scope, key: record.key, leaseToken: record.leaseToken } });
    expect(await synchronousCommit()).toBe('on');
  });
});
