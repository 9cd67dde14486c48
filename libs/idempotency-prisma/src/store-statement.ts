/**
 * One parameterised statement on node-postgres: a `pg` Pool, PoolClient or Client, or anything
 * with the same `query(text, values)`.
 */
export interface SqlConnection {
  query<Row extends object>(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
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

/** Runs `text` and returns its rows (an UPDATE or DELETE says what it changed with RETURNING). */
export async function runStatement<Row extends object>(client: IdempotencyKeyClient, text: string, values: unknown[]): Promise<Row[]> {
  // By Prisma's own method: a Prisma client could have a `query` member (a model named Query).
  if ('$queryRawUnsafe' in client) return client.$queryRawUnsafe<Row[]>(text, ...values);
  return (await client.query<Row>(text, values)).rows;
}
