import { randomUUID } from 'node:crypto';
import { INestApplication, Module, Type } from '@nestjs/common';
import { AppModule } from '../app.module';
import { hash } from '@node-rs/argon2';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import request from 'supertest';
import { ApiConfig, readApiConfig } from '../config/api-config';
import { createApiApp } from '../create-api-app';

/** A real API on a real socket (127.0.0.1, ephemeral port) against this run's test database. */
export interface TestApi {
  app: INestApplication;
  /** supertest bound to the listening server. */
  http: () => ReturnType<typeof request>;
  prisma: PrismaClient;
  config: ApiConfig;
  close(): Promise<void>;
}

/**
 * Charges go to the run's sandbox process (jest-global-setup.ts) unless `PAYMENT_PROVIDER_URL` is overridden.
 * The login limits are lifted: every suite logs in from 127.0.0.1, many as alice, and all share
 * one database, so their counters would add up across suites; src/admission's specs set their own.
 * So is the read limit, which suites reading many pages (pagination) would reach.
 */
export async function startTestApi(overrides: NodeJS.ProcessEnv = {}, extraModules: Type[] = []): Promise<TestApi> {
  const config = readApiConfig({
    DATABASE_URL: testDatabaseUrl(),
    PAYMENT_PROVIDER_URL: process.env.TEST_PAYMENT_PROVIDER_URL,
    LOG_LEVEL: 'silent',
    PORT: '0',
    LOGIN_ATTEMPTS_PER_ACCOUNT: '1000000',
    LOGIN_ATTEMPTS_PER_ADDRESS: '1000000',
    READS_PER_USER: '1000000',
    ...overrides,
  });
  const app = await createApiApp(config, { module: TestApiModule, imports: [AppModule.forRoot(config), ...extraModules] });
  await app.listen(0, '127.0.0.1');
  const prisma = createPrismaClient({ databaseUrl: config.databaseUrl, poolSize: 2 });
  return {
    app,
    http: () => request(app.getHttpServer()),
    prisma,
    config,
    close: async () => {
      await prisma.$disconnect();
      await app.close();
    },
  };
}

/** The root module of a test's API: AppModule, and the test's own modules after it. */
@Module({})
class TestApiModule {}

/** A fresh account of its own, so tests never depend on each other's changes to the demo users. */
export async function createTestUser(api: TestApi, password = 'test-password'): Promise<{ id: string; email: string; token: string }> {
  const email = `user-${randomUUID()}@example.test`;
  const user = await api.prisma.user.create({
    data: {
      email,
      name: 'Test User',
      passwordHash: await hash(password),
      addressLine1: '1 Test Street',
      addressCity: 'Testville',
      addressPostalCode: '00000',
      addressCountry: 'GB',
    },
  });
  const login = await api.http().post('/auth/login').send({ email, password }).expect(200);
  return { id: user.id, email, token: login.body.accessToken };
}

/** A product of its own with the given stock. */
export async function createTestProduct(api: TestApi, stock: number, priceCents = 500, currency = 'EUR') {
  return api.prisma.product.create({
    data: { sku: `TEST-${randomUUID()}`, name: 'Test product', priceCents, currency, stock },
  });
}

/** A fresh, well-formed Idempotency-Key header value (sf-string of a UUIDv4). */
export function newIdempotencyKey(): string {
  return `"${randomUUID()}"`;
}

/** The sandbox's test payment methods (payments.md §1). */
export const TEST_CARDS = {
  visa: 'pm_card_visa',
  declined: 'pm_card_chargeDeclined',
  insufficientFunds: 'pm_card_chargeDeclinedInsufficientFunds',
} as const;

/** A `POST /orders` body: the given lines, paid with `paymentMethod` (default a card that succeeds). */
export function orderBody(items: { productId: string; quantity: number }[], paymentMethod: string = TEST_CARDS.visa) {
  return { items, paymentMethod };
}

/** Nothing listens on port 9: every charge of an API pointed there fails without an answer. */
const UNREACHABLE_PROVIDER_URL = 'http://127.0.0.1:9';

/** One suite's APIs on the test database: `api` charges the run's sandbox; `providerDown` reaches no provider, so its charges end unknown (503). */
export interface ApiWithProviderDown {
  readonly api: TestApi;
  readonly providerDown: TestApi;
}

/** Starts both before the suite's tests and closes them after; read them inside tests and hooks. */
export function useApiWithProviderDown(): ApiWithProviderDown {
  let started: { api: TestApi; providerDown: TestApi } | undefined;
  beforeAll(async () => {
    const [providerDown, api] = await Promise.all([startTestApi({ PAYMENT_PROVIDER_URL: UNREACHABLE_PROVIDER_URL }), startTestApi()]);
    started = { api, providerDown };
  });
  afterAll(async () => {
    await started?.providerDown.close();
    await started?.api.close();
  });
  const current = () => {
    if (!started) throw new Error('the APIs are read before the suite started them (use them inside tests and hooks)');
    return started;
  };
  return {
    get api() {
      return current().api;
    },
    get providerDown() {
      return current().providerDown;
    },
  };
}
