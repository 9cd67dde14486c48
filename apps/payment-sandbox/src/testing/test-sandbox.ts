import { randomUUID } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@safe-checkout/db';
import { testDatabaseUrl } from '@safe-checkout/db/testing';
import { accountOf } from '../auth/secret-key';
import { readSandboxConfig, SandboxConfig } from '../config/sandbox-config';
import { createSandboxApp, SandboxAppOptions } from '../create-sandbox-app';
import { SandboxHttp, sandboxHttp } from './sandbox-http';

/** A real sandbox on a real socket (127.0.0.1, ephemeral port) against this run's test database. */
export interface TestSandbox {
  app: INestApplication;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** A secret key of its own, so its account (and its list) is its own too. */
  secretKey: string;
  account: string;
  config: SandboxConfig;
  /** A client on the sandbox's database, for looking behind the API. */
  prisma: PrismaClient;
  close(): Promise<void>;
}

/**
 * `prepare` runs on the built app before it listens (e.g. the chaos entry point's middleware);
 * `options` are what an entry point decides (e.g. chaos-main.ts's webhook delivery faults).
 */
export async function startTestSandbox(
  env: NodeJS.ProcessEnv = {},
  prepare: (app: INestApplication) => void = () => undefined,
  options: SandboxAppOptions = {},
): Promise<TestSandbox> {
  const config = readSandboxConfig({
    PAYMENT_SANDBOX_DATABASE_URL: testDatabaseUrl(),
    PAYMENT_PROVIDER_SECRET_KEY: `sk_test_${randomUUID().replace(/-/g, '')}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const app = await createSandboxApp(config, options);
  prepare(app);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  const prisma = createPrismaClient({ databaseUrl: config.database.url, poolSize: 2 });
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    secretKey: config.secretKey,
    account: accountOf(config.secretKey),
    config,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await app.close();
    },
  };
}

/** One suite's sandbox and its Stripe-style HTTP client; read them inside tests and hooks. */
export interface TestSandboxSuite {
  readonly sandbox: TestSandbox;
  readonly http: SandboxHttp;
}

/** Starts a sandbox before the suite's tests and closes it after them. */
export function useTestSandbox(): TestSandboxSuite {
  let started: { sandbox: TestSandbox; http: SandboxHttp } | undefined;
  beforeAll(async () => {
    const sandbox = await startTestSandbox();
    started = { sandbox, http: sandboxHttp(sandbox.url, sandbox.secretKey) };
  });
  afterAll(() => started?.sandbox.close());
  const current = () => {
    if (!started) throw new Error('the test sandbox is read before the suite started it (use it inside tests and hooks)');
    return started;
  };
  return {
    get sandbox() {
      return current().sandbox;
    },
    get http() {
      return current().http;
    },
  };
}
