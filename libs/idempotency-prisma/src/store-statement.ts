import { createHash } from 'node:crypto';

/** A statement as node-postgres takes it; with a `name`, PostgreSQL keeps it prepared on the connection. */
export interface NamedStatement {
  name?: string;
  text: string;
  values: unknown[];
}

/**
 * One parameterised statement on node-postgres: a `pg` Pool, PoolClient or Client, or anything
 * with the same `query({ name, text, values })`.
 */
export interface SqlConnection {
  query<Row extends object>(statement: NamedStatement): Promise<{ rows: Row[]; rowCount: number | null }>;
}

/**
 * The one method the store needs of a Prisma client or interactive-transaction client. Structural
 * on purpose: the store works with the application's own generated client, whatever its models.
 */
export interface PrismaRawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
}

/**
 * What the store's statements run on: the application's Prisma client (or an open transaction's
 * client), or a node-postgres pool or connection. Both take the same text with `$1 …` parameters.
 * Why node-postgres too: Prisma's per-statement client cost is about three times node-postgres'
 * (docs/benchmarks.md, "Where the layer's time goes"), and claims run on every idempotent request.
 */
export type IdempotencyKeyClient = PrismaRawClient | SqlConnection;

/**
 * Runs `text` and returns its rows (an UPDATE or DELETE says what it changed with RETURNING).
 *
 * On node-postgres as a named statement: each connection parses and plans it once, then only binds
 * and executes it. Most of what PostgreSQL spends on the store's statements was parsing and
 * planning them anew each time (docs/benchmarks.md, "Folding the claim into the first phase": 26–30 %
 * of the layer's CPU per checkout). Behind PgBouncer in transaction mode this needs PgBouncer 1.21+
 * with `max_prepared_statements` set.
 */
export async function runStatement<Row extends object>(client: IdempotencyKeyClient, text: string, values: unknown[]): Promise<Row[]> {
  // By Prisma's own method: a Prisma client could have a `query` member (a model named Query).
  if ('$queryRawUnsafe' in client) return client.$queryRawUnsafe<Row[]>(text, ...values);
  return (await client.query<Row>({ name: statementName(text), text, values })).rows;
}

const statementNames = new Map<string, string>();

// Named by a hash of the text: node-postgres refuses one name for two texts on a connection, and
// any other code on the application's pool may prepare statements of its own.
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `idempotency_keys_${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}
