// How the bench's checkouts talk to PostgreSQL: one transaction on a pooled connection, and the
// key's statements sent unnamed (as the store does today) or prepared.
import { createHash } from 'node:crypto';
import type { Pool, PoolClient, QueryResult, QueryResultRow } from 'pg';

/** Sends one of the key's statements. */
export type KeySql = <Row extends QueryResultRow>(client: Pick<PoolClient, 'query'>, text: string, values: unknown[]) => Promise<QueryResult<Row>>;

// node-postgres' default, as the store sends today: parsed and planned at every execution.
export const unnamed: KeySql = (client, text, values) => client.query(text, values);

// Designs E and F: a named statement is parsed once per connection and its plan kept.
export const prepared: KeySql = (client, text, values) =>
  client.query({ name: `fold-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`, text, values });

/** Runs `work` between BEGIN and COMMIT on one pooled connection; rolls back when it throws. */
export async function transaction(pool: Pool, work: (client: PoolClient) => Promise<unknown>): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await work(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** Awaits an UPDATE fenced by the lease; throws when it changed no row (the lease was lost). */
export async function fenced(update: Promise<QueryResult>): Promise<void> {
  const { rowCount } = await update;
  if (rowCount !== 1) throw new Error('lease lost: the key is no longer held by this checkout');
}
