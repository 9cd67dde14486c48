import { createChaosProxy } from './chaos-proxy';
import { readChaosProxyConfig } from './chaos-proxy.config';
import { ADMIN_PATH } from './admin.handler';

// The chaos proxy as a process: `node dist/main.js`, configured by the environment
// (chaos-proxy.config.ts). Put it in front of APIs started from chaos-main.js.
async function main(): Promise<void> {
  const config = readChaosProxyConfig();
  const proxy = createChaosProxy(config);
  const port = await proxy.listen(config.port, config.host);
  const { rates, latencyMs, routes, seed } = proxy.state.settings;
  console.log(
    `Chaos proxy on http://${config.host}:${port} → ${config.upstreams.join(', ')} ` +
      `(faults on ${routes.join(', ')}: ${JSON.stringify(rates)}, latency ${latencyMs} ms, seed ${seed}; admin: ${ADMIN_PATH})`,
  );
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
