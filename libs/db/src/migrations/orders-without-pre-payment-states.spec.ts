import { randomUUID } from 'node:crypto';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { testDatabaseUrl } from '../testing/test-database-url';
import { dropDatabase, ensureDatabaseExists, withDatabaseName } from '../database-url';
import { applyMigrations } from './migrator';
import { readMigrationFiles } from './migration-files';

const MIGRATION = '20261207170000_orders_without_pre_payment_states';

/** The migrations before `MIGRATION`, copied into a folder of their own. */
function migrationsBefore(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'migrations-before-'));
  for (const file of readMigrationFiles().filter((f) => f.name < name)) {
    mkdirSync(path.join(dir, file.name));
    writeFileSync(path.join(dir, file.name, 'migration.sql'), file.sql);
  }
  return dir;
}

describe(`${MIGRATION}: rows written before payments and receipts`, () => {
  const name = `sc_pre_payment_${process.pid}`;
  let client: Client;
  const ids = { user: randomUUID(), product: randomUUID(), placed: randomUUID(), paid: randomUUID(), refused: randomUUID() };

  beforeAll(async () => {
    await ensureDatabaseExists(testDatabaseUrl(), name);
    const url = withDatabaseName(testDatabaseUrl(), name);
    const before = migrationsBefore(MIGRATION);
    try {
      await applyMigrations(url, before);
    } finally {
      rmSync(before, { recursive: true, force: true });
    }
    client = new Client({ connectionString: url });
    await client.connect();
    await seedRowsOfOlderVersions(client, ids);
    expect(await applyMigrations(url)).toContain(MIGRATION);
  });
  afterAll(async () => {
    await client?.end();
    await dropDatabase(testDatabaseUrl(), name);
  });

  it('turns an order placed before payments into a failed payment and gives its stock back', async () => {
    const order = await client.query('SELECT status, payment_intent_id FROM orders WHERE id = $1', [ids.placed]);
    const product = await client.query('SELECT stock FROM products WHERE id = $1', [ids.product]);
    expect(order.rows).toEqual([{ status: 'payment_failed', payment_intent_id: null }]);
    expect(product.rows).toEqual([{ stock: 7 + 2 + 1 }]);
  });

  it("says a receipt issued without its path was confirmed by the charge's answer", async () => {
    const receipt = await client.query('SELECT confirmed_by FROM receipts WHERE order_id = $1', [ids.paid]);
    expect(receipt.rows).toEqual([{ confirmed_by: 'charge_answer' }]);
  });

  it("spells recorded charge results as the API does, keeping every run's other fields and their order", async () => {
    const { rows } = await client.query('SELECT charge_attempts FROM orders WHERE id = $1', [ids.refused]);
    expect(rows[0].charge_attempts).toEqual([
      { startedAt: '2026-12-01T10:00:00.000Z', result: 'invalid_payment_method', attempts: [{ attempt: 1, verdict: 'definite', durationMs: 4 }] },
      { startedAt: '2026-12-01T10:00:01.000Z', result: 'declined', attempts: [] },
      { startedAt: '2026-12-01T10:00:02.000Z', result: 'invalid_request', attempts: [] },
    ]);
  });

  it('refuses those values from now on', async () => {
    await expect(client.query("UPDATE orders SET status = 'confirmed' WHERE id = $1", [ids.placed])).rejects.toThrow(/orders_status_check/);
    await expect(client.query("UPDATE receipts SET confirmed_by = 'unrecorded' WHERE order_id = $1", [ids.paid])).rejects.toThrow(
      /receipts_confirmed_by_check/,
    );
  });
});

/** An order placed before payments (2 + 1 items), a paid order whose receipt has no path, and an order with kebab-case charge results. */
async function seedRowsOfOlderVersions(client: Client, ids: Record<'user' | 'product' | 'placed' | 'paid' | 'refused', string>): Promise<void> {
  await client.query(
    `INSERT INTO users (id, email, name, password_hash, address_line1, address_city, address_postal_code, address_country)
     VALUES ($1, 'older@example.com', 'Older', 'x', 'Street 1', 'Berlin', '10115', 'DE')`,
    [ids.user],
  );
  await client.query("INSERT INTO products (id, sku, name, price_cents, currency, stock) VALUES ($1, 'OLD-1', 'Old', 500, 'EUR', 7)", [ids.product]);
  await client.query("INSERT INTO orders (id, user_id, status, total_cents, currency) VALUES ($1, $2, 'confirmed', 1500, 'EUR')", [ids.placed, ids.user]);
  await client.query(
    `INSERT INTO order_lines (id, order_id, position, product_id, quantity, unit_price_cents)
     VALUES ($1, $3, 0, $4, 2, 500), ($2, $3, 1, $4, 1, 500)`,
    [randomUUID(), randomUUID(), ids.placed, ids.product],
  );
  await client.query(
    `INSERT INTO orders (id, user_id, status, total_cents, currency, payment_method, payment_intent_id, paid_at)
     VALUES ($1, $2, 'paid', 500, 'EUR', 'pm_card_visa', 'pi_older', now())`,
    [ids.paid, ids.user],
  );
  await client.query(
    `INSERT INTO receipts (id, order_id, payment_intent_id, amount_cents, currency, confirmed_by) VALUES ($1, $2, 'pi_older', 500, 'EUR', 'unrecorded')`,
    [randomUUID(), ids.paid],
  );
  const runs = [
    { startedAt: '2026-12-01T10:00:00.000Z', result: 'invalid-payment-method', attempts: [{ attempt: 1, verdict: 'definite', durationMs: 4 }] },
    { startedAt: '2026-12-01T10:00:01.000Z', result: 'declined', attempts: [] },
    { startedAt: '2026-12-01T10:00:02.000Z', result: 'invalid-request', attempts: [] },
  ];
  await client.query(
    "INSERT INTO orders (id, user_id, status, total_cents, currency, payment_method, charge_attempts) VALUES ($1, $2, 'payment_failed', 500, 'EUR', 'pm_card_visa', $3)",
    [ids.refused, ids.user, JSON.stringify(runs)],
  );
}
