import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@safe-checkout/db';
import { eventually } from './eventually';

/** Which rows of which table a test trigger acts on. */
export interface TriggerTarget {
  table: 'orders' | 'payment_intents';
  event: 'INSERT' | 'UPDATE';
  /** SQL condition on `NEW`, e.g. `NEW.status = 'paid' AND NEW.user_id = '…'`: keep it to the test's own rows. */
  when: string;
}

/** A test trigger in place; `remove` it in a `finally`. */
export interface TestTrigger {
  /** Drops the trigger and its function. DROP TRIGGER waits for transactions that are writing the table, a stalled one included. */
  remove(): Promise<void>;
}

/** A trigger that holds matching statements in `pg_sleep`, inside their transaction. */
export interface StatementStall extends TestTrigger {
  /** Resolves once a matching statement is sleeping in the trigger (`pg_stat_activity`). */
  waitUntilStalled(): Promise<void>;
}

/**
 * Makes every matching row write sleep `seconds` in a BEFORE trigger: the statement, and the
 * transaction around it, stay open for that long, so a test can kill the process that sent it at
 * a known point. The sleeping backend notices a dead client only when the sleep ends; it then
 * rolls the transaction back.
 */
export async function stallStatements(prisma: PrismaClient, target: TriggerTarget, seconds: number): Promise<StatementStall> {
  const trigger = await createTrigger(prisma, target, `PERFORM pg_sleep(${Number(seconds)});`);
  return {
    ...trigger,
    waitUntilStalled: () =>
      eventually(async () => {
        const rows = await prisma.$queryRawUnsafe<unknown[]>(
          `SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event = 'PgSleep' AND query LIKE $1`,
          // Quoted by Prisma ("public"."orders"), bare in hand-written SQL (INSERT INTO payment_intents).
          `%${target.event}%${target.table}%`,
        );
        return rows.length > 0;
      }, `a ${target.event} on ${target.table} to stall`),
  };
}

/**
 * Makes the first matching row write fail (RAISE, SQLSTATE P0001), and none after it: a sequence
 * counts the firings, and unlike a table it does not roll back with the failed transaction.
 */
export async function failStatementOnce(prisma: PrismaClient, target: TriggerTarget): Promise<TestTrigger> {
  const sequence = `fail_once_${randomBytes(6).toString('hex')}`;
  await prisma.$executeRawUnsafe(`CREATE SEQUENCE ${sequence}`);
  const trigger = await createTrigger(prisma, target, `IF nextval('${sequence}') = 1 THEN RAISE EXCEPTION 'injected failure (test trigger)'; END IF;`);
  return {
    remove: async () => {
      await trigger.remove();
      await prisma.$executeRawUnsafe(`DROP SEQUENCE IF EXISTS ${sequence}`);
    },
  };
}

async function createTrigger(prisma: PrismaClient, { table, event, when }: TriggerTarget, body: string): Promise<TestTrigger> {
  const name = `test_trigger_${randomBytes(6).toString('hex')}`;
  await prisma.$executeRawUnsafe(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${body} RETURN NEW; END $$`);
  await prisma.$executeRawUnsafe(`CREATE TRIGGER ${name} BEFORE ${event} ON ${table} FOR EACH ROW WHEN (${when}) EXECUTE FUNCTION ${name}()`);
  return {
    remove: async () => {
      await prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${name} ON ${table}`);
      await prisma.$executeRawUnsafe(`DROP FUNCTION IF EXISTS ${name}()`);
    },
  };
}
