// Which API replica last wrote each idempotency key, and what it did: recorded by a trigger that
// the soak adds to its own throwaway database (never to the project's migrations), from the
// `application_name` each replica connects with. The mid-charge kill reads it to tell exactly which
// checkouts the killed replica was holding, whatever their customers and leases were doing.
import { createPrismaClient, type PrismaClient } from '@safe-checkout/db';

// The last write to a key: a claim (insert, or a new lease token: a take-over or a recovery
// worker), an advance to another recovery point, a completion, or a release (the lease cut short
// after a 503). The upsert runs inside the replica's own transaction, on a row keyed like the key's.
const STATEMENTS = [
  `CREATE TABLE soak_key_writers (key_id uuid PRIMARY KEY, writer text NOT NULL, event text NOT NULL)`,
  `CREATE FUNCTION soak_record_key_writer() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     INSERT INTO soak_key_writers (key_id, writer, event)
     VALUES (NEW.id, current_setting('application_name'), CASE
       WHEN TG_OP = 'INSERT' OR NEW.lease_token IS DISTINCT FROM OLD.lease_token THEN 'claimed'
       WHEN NEW.state = 'completed' THEN 'completed'
       WHEN NEW.recovery_point IS DISTINCT FROM OLD.recovery_point THEN 'advanced'
       WHEN NEW.lease_expires_at < OLD.lease_expires_at THEN 'released'
       ELSE 'updated' END)
     ON CONFLICT (key_id) DO UPDATE SET writer = EXCLUDED.writer, event = EXCLUDED.event;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER soak_record_key_writer AFTER INSERT OR UPDATE ON idempotency_keys
   FOR EACH ROW EXECUTE FUNCTION soak_record_key_writer()`,
];

/** Adds the trigger to the soak's shop database (migrated, not yet in use). */
export async function recordKeyWriters(databaseUrl: string): Promise<void> {
  const prisma = createPrismaClient({ databaseUrl, poolSize: 1 });
  try {
    for (const statement of STATEMENTS) await prisma.$executeRawUnsafe(statement);
  } finally {
    await prisma.$disconnect();
  }
}

/** `databaseUrl` for a replica named `name`: the trigger records it as the writer. */
export function databaseUrlOfWriter(databaseUrl: string, name: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('application_name', name);
  return url.toString();
}

/**
 * The orders of the checkouts `writer` holds at `order_created`: it claimed or advanced their keys
 * last, and neither released nor completed them (the order exists, its charge is not recorded).
 * `prisma` is a client of the shop's database; resolves to their order ids.
 */
export async function ordersHeldAtOrderCreated(prisma: PrismaClient, writer: string): Promise<string[]> {
  const rows = await prisma.$queryRaw<Array<{ orderId: string }>>`
    SELECT k.recovery_state->>'orderId' AS "orderId"
    FROM idempotency_keys k JOIN soak_key_writers w ON w.key_id = k.id
    WHERE k.state = 'running' AND k.recovery_point = 'order_created' AND w.writer = ${writer} AND w.event IN ('claimed', 'advanced')`;
  return rows.map((row) => row.orderId);
}
