import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { ClaimRequest, fingerprintRequest, Lease, settledKeyId } from '@safe-checkout/idempotency';
import { PrismaIdempotencyKeyStore } from './prisma-idempotency-key.store';

const CHANNEL = 'idempotency_key_settled';
const DAY_MS = 86_400_000;
// Keys of this spec live in 1999, before any other spec's (the store contract's are in 2001), so
// that its purges delete only its own keys.
const CLAIMED_AT = new Date('1999-03-01T00:00:00.000Z');
const PAST_RETENTION = new Date(CLAIMED_AT.getTime() + 2 * DAY_MS);

// What the table's trigger (sql/idempotency-keys.sql, the migrations) tells the channel's
// listeners, seen on a LISTEN connection of its own.
describe('the settle trigger of idempotency_keys', () => {
  let prisma: PrismaClient;
  let store: PrismaIdempotencyKeyStore;
  let listener: Client;
  const payloads: string[] = [];
  beforeAll(async () => {
    prisma = createPrismaClient({ databaseUrl: testDatabaseUrl(), poolSize: 2 });
    store = new PrismaIdempotencyKeyStore(prisma);
    listener = new Client({ connectionString: testDatabaseUrl() });
    await listener.connect();
    listener.on('notification', ({ payload }) => payloads.push(payload ?? ''));
    await listener.query(`LISTEN ${CHANNEL}`);
  });
  afterAll(async () => {
    await listener.end();
    await prisma.$disconnect();
  });

  const request = (): ClaimRequest => ({
    scope: randomUUID(),
    key: randomUUID(),
    leaseMs: 30_000,
    ttlMs: DAY_MS,
    now: CLAIMED_AT,
    fingerprint: fingerprintRequest({ method: 'POST', route: '/orders', query: undefined, body: {} }),
  });
  async function claimed(claim: ClaimRequest): Promise<Lease> {
    const result = await store.claim(claim);
    if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
    return result.lease;
  }

  /** Ids of `claims` the channel announced, once every notification committed so far has arrived. */
  async function announced(claims: ClaimRequest[]): Promise<string[]> {
    // Notifications reach a listener in commit order: once this marker arrives, so have all before it.
    const marker = `marker-${randomUUID()}`;
    await prisma.$queryRawUnsafe(`SELECT 1 AS sent FROM pg_notify('${CHANNEL}', $1)`, marker);
    while (!payloads.includes(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
    const ids = new Set(claims.map((claim) => settledKeyId(claim.scope, claim.key)));
    return payloads.filter((payload) => ids.has(payload));
  }

  it('announces a completion, and nothing when the purge deletes the completed key past its retention', async () => {
    const claims = [request(), request(), request()];
    for (const claim of claims) await store.complete(await claimed(claim), { status: 201, headers: {}, body: '{}' });
    expect(await announced(claims)).toHaveLength(3);

    await expect(store.purgeExpired(PAST_RETENTION, 10)).resolves.toBe(3);

    expect(await announced(claims)).toHaveLength(3);
  });

  it('announces a running key the purge deletes at "started" past its retention: a duplicate waiting on it must wake', async () => {
    const claim = request();
    await claimed(claim);
    expect(await announced([claim])).toEqual([]);

    await expect(store.purgeExpired(PAST_RETENTION, 10)).resolves.toBe(1);

    expect(await announced([claim])).toEqual([settledKeyId(claim.scope, claim.key)]);
  });

  it('announces a release that deletes the running key (nothing committed)', async () => {
    const claim = request();
    await store.release(await claimed(claim), CLAIMED_AT);

    expect(await prisma.idempotencyKey.count({ where: { scope: claim.scope } })).toBe(0);
    expect(await announced([claim])).toEqual([settledKeyId(claim.scope, claim.key)]);
  });
});
