import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '@safe-checkout/db/testing';

const PACKAGE_ROOT = path.resolve(__dirname, '..');
const WORKSPACE_ROOT = path.resolve(PACKAGE_ROOT, '../..');

const TABLES = ['idempotency_keys', 'idempotency_key_purge_turn'];

/** Everything PostgreSQL knows of `tableName` in `schema`, with the schema's name left out. */
async function describeTable(client: Client, schema: string, tableName: string): Promise<Record<string, string[]>> {
  const table = `${schema}.${tableName}`;
  const rows = async (sql: string, parameter: string) =>
    (await client.query<{ d: string }>(sql, [parameter])).rows.map((row) => row.d.replaceAll(`${schema}.`, ''));
  return {
    columns: await rows(
      `SELECT concat_ws(' ', column_name, data_type, datetime_precision, is_nullable, column_default) AS d
      FROM information_schema.columns WHERE table_schema = $1 AND table_name = '${tableName}' ORDER BY column_name`,
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

async function describeTables(client: Client, schema: string) {
  return Promise.all(TABLES.map((table) => describeTable(client, schema, table)));
}

/** The fields and attributes of model `name`, without comments or alignment. */
function modelBody(schemaText: string, name: string): string[] {
  const model = new RegExp(`^model ${name} \\{\\n([\\s\\S]*?)^\\}`, 'm').exec(schemaText);
  if (!model) throw new Error(`no model ${name}`);
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
  it('sql/idempotency-keys.sql creates the tables, constraints, indexes, trigger and turn row the store is tested on', async () => {
    const schema = `packaged_${randomBytes(4).toString('hex')}`;
    const client = new Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
      await client.query(`SET search_path TO ${schema}`);
      await client.query(readFileSync(path.join(PACKAGE_ROOT, 'sql/idempotency-keys.sql'), 'utf8'));

      expect(await describeTables(client, schema)).toEqual(await describeTables(client, 'public'));
      const turn = await client.query(`SELECT purger_id FROM ${schema}.idempotency_key_purge_turn WHERE ends_at < now()`);
      expect(turn.rows).toEqual([{ purger_id: null }]);
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
  });

  it.each(['IdempotencyKey', 'IdempotencyKeyPurgeTurn'])("prisma/idempotency-key.prisma's %s is the repository's own model", (name) => {
    const packaged = readFileSync(path.join(PACKAGE_ROOT, 'prisma/idempotency-key.prisma'), 'utf8');
    const repository = readFileSync(path.join(WORKSPACE_ROOT, 'prisma/schema.prisma'), 'utf8');

    expect(modelBody(packaged, name)).toEqual(modelBody(repository, name));
  });
});
