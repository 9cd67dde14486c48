import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '@safe-checkout/db/testing';

const PACKAGE_ROOT = path.resolve(__dirname, '..');
const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '../..');

/** Everything PostgreSQL knows of the table `idempotency_keys` in `schema`, with the schema's name left out. */
async function describeTable(client: Client, schema: string): Promise<Record<string, string[]>> {
  const table = `${schema}.idempotency_keys`;
  const rows = async (sql: string, parameter: string) =>
    (await client.query<{ d: string }>(sql, [parameter])).rows.map((row) => row.d.replaceAll(`${schema}.`, ''));
  return {
    columns: await rows(
      `SELECT concat_ws(' ', column_name, data_type, datetime_precision, is_nullable, column_default) AS d
      FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'idempotency_keys' ORDER BY column_name`,
      schema,
    ),
    constraints: await rows(`SELECT conname || ' ' || pg_get_constraintdef(oid) AS d FROM pg_constraint WHERE conrelid = $1::regclass ORDER BY conname`, table),
    indexes: await rows(`SELECT pg_get_indexdef(indexrelid) AS d FROM pg_index WHERE indrelid = $1::regclass ORDER BY 1`, table),
    triggers: await rows(
      `SELECT pg_get_triggerdef(t.oid) || ' ' || md5(p.prosrc) AS d FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
      WHERE t.tgrelid = $1::regclass AND NOT t.tgisinternal ORDER BY 1`,
      table,
    ),
  };
}

/** The model's fields and attributes, without comments or alignment. */
function modelBody(schemaText: string): string[] {
  const model = /^model IdempotencyKey \{\n([\s\S]*?)^\}/m.exec(schemaText);
  if (!model) throw new Error('no model IdempotencyKey');
  return model[1]
    .split('\n')
    .map((line) =>
      line
        .replace(/\/\/.*$/, '')
        .trim()
        .replace(/\s+/g, ' '),
    )
    .filter(Boolean);
}

describe('the table the package ships', () => {
  it('sql/idempotency-keys.sql creates the table, constraints, indexes and trigger the store is tested on', async () => {
    const schema = `packaged_${randomBytes(4).toString('hex')}`;
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path TO ${schema}`);
      await client.query(readFileSync(path.join(PACKAGE_ROOT, 'sql/idempotency-keys.sql'), 'utf8'));

      expect(await describeTable(client, schema)).toEqual(await describeTable(client, 'public'));
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });

  it("prisma/idempotency-key.prisma is the repository's own model of it", () => {
    const packaged = readFileSync(path.join(PACKAGE_ROOT, 'prisma/idempotency-key.prisma'), 'utf8');
    const repository = readFileSync(path.join(WORKSPACE_ROOT, 'prisma/schema.prisma'), 'utf8');

    expect(modelBody(packaged)).toEqual(modelBody(repository));
  });
});
