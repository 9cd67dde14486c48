// The API under test, as a child of idempotency-bench.mjs: its own process (its own event loop,
// not shared with the load generator), the built app plus the baseline route, on 127.0.0.1 and
// an ephemeral port that it reports to the parent over IPC.
import { readApiConfig } from '../../apps/api/dist/config/api-config.js';
import { createApiApp } from '../../apps/api/dist/create-api-app.js';
import { BenchBaselineModule } from './bench-baseline.module.mjs';

const app = await createApiApp(readApiConfig(process.env), [BenchBaselineModule]);
await app.listen(0, '127.0.0.1');
process.send({ port: app.getHttpServer().address().port });

// createApiApp enables Nest's shutdown hooks: SIGTERM (sent by the parent) closes the app and
// its database pool, then ends the process. A parent that died drops the IPC channel, which takes
// the same path, so no API process outlives a bench run.
process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
