/**
 * One parameterised statement on node-postgres: a `pg` Pool, PoolClient or Client, or anything
 * with the same `query(text, values)`.
 */
export interface SqlConnection {
  query<Row extends object>(text: string, values: unknown[]): Promise<{ rows: Row[]; rowCount: number | null }>;
}

/**
 * The raw-query methods the store needs of a Prisma client or interactive-transaction client, both
 * documented Prisma Client API. Structural on purpose: the store works with the application's own
 * generated client, whatever its models.
 */
export interface PrismaRawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): PromiseLike<T>;
  /** Resolves to the number of rows the statement changed. */
  $executeRawUnsafe(query: string, ...values: unknown[]): PromiseLike<number>;
}

/**
 * What the store's statements run on: the application's Prisma client (or an open transaction's
 * client), or a node-postgres pool or connection. Both take the same text with `$1 …` parameters.
 * Why node-postgres too: Prisma's per-statement client cost is about three times node-postgres'
 * (docs/benchmarks.md, "Where the layer's time goes"), and claims run on every idempotent request,
 * outside any transaction, so the pool under the Prisma client serves them.
 */
export type IdempotencyKeyClient = PrismaRawClient | SqlConnection;

/** Runs `text` and returns its rows (an UPDATE or DELETE says what it changed with RETURNING). */
export async function runStatement<Row extends object>(client: IdempotencyKeyClient, text: string, values: unknown[]): Promise<Row[]> {
  // By Prisma's own method: a Prisma client could have a `query` member (a model named Query).
  if ('$queryRawUnsafe' in client) return client.$queryRawUnsafe<Row[]>(text, ...values);
  return (await client.query<Row>(text, values)).rows;
}

/**
 * Runs `text`, an UPDATE or DELETE, and resolves to how many rows it changed. On a Prisma client
 * through `$executeRawUnsafe`, which reads no rows back: the cheaper of Prisma's two raw methods
 * for a statement inside an interactive transaction (docs/benchmarks.md, "Where the layer's time goes").
 */
export async function runUpdate(client: IdempotencyKeyClient, text: string, values: unknown[]): Promise<number> {
  if ('$executeRawUnsafe' in client) return client.$executeRawUnsafe(text, ...values);
  return (await client.query(text, values)).rowCount ?? 0;
}
