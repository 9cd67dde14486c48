import type { PrismaClient, SqlConnection } from '@safe-checkout/db';

/**
 * Where one of the store's hot-path statements runs: straight on node-postgres when the wiring
 * hands over a connection, else through Prisma. Both take the same text with `$1 …` parameters.
 * Why: Prisma's per-statement client cost is about three times node-postgres' (docs/benchmarks.md,
 * "Where the layer's time goes"), and these statements run on every idempotent request.
 */
export type StatementRunner = SqlConnection | Pick<PrismaClient, '$queryRawUnsafe'>;

/** Runs `text` and returns its rows (an UPDATE says what it changed with RETURNING). */
export async function runStatement<Row extends object>(runner: StatementRunner, text: string, values: unknown[]): Promise<Row[]> {
  // By Prisma's own method: a Prisma client could have a `query` member (a model named Query).
  if ('$queryRawUnsafe' in runner) return runner.$queryRawUnsafe<Row[]>(text, ...values);
  return (await runner.query<Row>(text, values)).rows;
}
