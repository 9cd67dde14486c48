// `node tools/migrate.mjs`: applies the pending migrations of prisma/migrations to DATABASE_URL
// with libs/db's migrator (as `npm start` does, and as `prisma migrate deploy` would), then exits.
// The API does not migrate at start: the production image runs this as a one-shot that every
// replica waits for (docker-compose.yml, service `migrate`), so a failed migration stops the
// release before any replica serves. Run twice at once, it still migrates once (advisory lock).
//
// SEED_DEMO_DATA=true also inserts the demo users and catalog if absent. Their password is
// public: for demos of the production setup only.
import db from '@safe-checkout/db';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('DATABASE_URL is required');
  process.exit(2);
}

const applied = await db.applyMigrations(databaseUrl);
console.log(applied.length ? `Applied migrations: ${applied.join(', ')}` : 'Database schema is up to date.');

if (process.env.SEED_DEMO_DATA === 'true') {
  await db.seedDemoDatabase(databaseUrl);
  console.log('Demo users and catalog are present (SEED_DEMO_DATA=true; public demo password).');
}
