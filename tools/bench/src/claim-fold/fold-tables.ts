// The tables the claim-fold bench writes: one copy of the real key table (migrated from
// libs/idempotency-prisma/sql/idempotency-keys.sql) per design, so that no design runs on another's
// dead tuples, and a small orders-like table standing in for the phases' own work.
import type { Pool } from 'pg';

/** What runs the statements here: a pool (each statement on any of its connections). */
export type Sql = Pick<Pool, 'query'>;

/** The designs priced (docs/benchmarks.md, "Folding the claim into the first phase"). */
export const DESIGNS = ['floor', 'A', 'B', 'C', 'Cin', 'D', 'E', 'F'] as const;
export type DesignName = (typeof DESIGNS)[number];

/** The key table a design writes. */
export function keyTableOf(design: DesignName): string {
  return `fold_keys_${design.toLowerCase()}`;
}

/** The stand-in for the phases' own rows (the order, then its payment). */
export const ORDERS_TABLE = 'fold_orders';

// Design D: the stalled index without `recovery_point` in its predicate, so that an ADVANCE
// (which changes only recovery_point and recovery_state) may be a HOT update, and room on each
// page for that update's new version.
const HOT_FILLFACTOR = 80;

/** (Re)creates the design's key tables, identical to `idempotency_keys` (indexes and settle trigger) except for D. */
export async function prepareFoldTables(client: Sql): Promise<void> {
  await client.query(`DROP TABLE IF EXISTS ${ORDERS_TABLE}`);
  await client.query(`CREATE TABLE ${ORDERS_TABLE} (id uuid PRIMARY KEY, scope text NOT NULL, total_cents int NOT NULL, status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now())`);
  for (const design of DESIGNS) {
    const table = keyTableOf(design);
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.query(`CREATE TABLE ${table} (LIKE idempotency_keys INCLUDING ALL)`);
    await client.query(`CREATE TRIGGER ${table}_settled AFTER UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION notify_idempotency_key_settled()`);
    if (design === 'D') await makeAdvanceHot(client, table);
  }
}

async function makeAdvanceHot(client: Sql, table: string): Promise<void> {
  const { rows } = await client.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE tablename = $1 AND indexdef LIKE '%recovery_point%'`, [
    table,
  ]);
  if (rows.length !== 1) throw new Error(`${table}: expected one index naming recovery_point, found ${rows.length}`);
  await client.query(`DROP INDEX ${rows[0].indexname}`);
  await client.query(`CREATE INDEX ${table}_running_idx ON ${table} (lease_expires_at) WHERE state = 'running'`);
  await client.query(`ALTER TABLE ${table} SET (fillfactor = ${HOT_FILLFACTOR})`);
}

/** Updates of `table` so far, and how many were HOT. */
export async function updateCounts(client: Sql, table: string): Promise<{ updates: number; hot: number }> {
  const { rows } = await client.query<{ updates: string; hot: string }>(
    'SELECT n_tup_upd AS updates, n_tup_hot_upd AS hot FROM pg_stat_user_tables WHERE relname = $1',
    [table],
  );
  return { updates: Number(rows[0]?.updates ?? 0), hot: Number(rows[0]?.hot ?? 0) };
}
