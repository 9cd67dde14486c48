// The API under test, as a child of idempotency-bench.ts: its own process (its own event loop,
// not shared with the load generator), the built app plus the bench's routes (BenchModule: the
// control group and the peer), on 127.0.0.1 and an ephemeral port that it reports over IPC.
import './trace-this-process';
import type { AddressInfo } from 'node:net';
import { createBenchApiApp } from './comparison-routes/bench-api-app';

async function serve(): Promise<void> {
  const app = await createBenchApiApp(process.env);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.send?.({ port });
}

// createApiApp enables Nest's shutdown hooks: SIGTERM (sent by the parent) closes the app and
// its database pool, then ends the process. A parent that died drops the IPC channel, which takes
// the same path, so no API process outlives a bench run.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));

serve().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
